package dev.tributary.server.connect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.connect.spi.RetriableConnectorException;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the connector words the server's refusals that the local test server cannot produce (it trusts every local user). */
class PostgresConnectorTest {

    private final PostgresConnector connector = (PostgresConnector) new PostgresConnectorFactory().create(new PostgresConnectorFactory()
            .configSpec().bind(Map.of("host", "db.example.com", "database", "sales", "username", "loader", "password", "hunter2")));

    @Test
    void aRejectedPasswordIsReportedAsWrongCredentialsWithoutTheSecret() {
        TestResult.Failed failed = connector.diagnose(new SQLException("FATAL: password authentication failed for user \"loader\"", "28P01"));

        assertThat(failed.problem()).isEqualTo(Problem.WRONG_CREDENTIALS);
        assertThat(failed.message()).isEqualTo("The password for user loader is wrong, or the user does not exist; check username and password.");
    }

    @Test
    void aServerThatAcceptsOnlyTlsAsksForSslmodeRequire() {
        TestResult.Failed failed = connector.diagnose(new SQLException(
                "FATAL: no pg_hba.conf entry for host \"10.0.0.5\", user \"loader\", database \"sales\", no encryption", "28000"));

        assertThat(failed.problem()).isEqualTo(Problem.TLS_REQUIRED);
        assertThat(failed.message()).contains("accepts only TLS").contains("set sslmode to require");
    }

    @Test
    void lostConnectionsAndTransactionConflictsAreRetriableOtherFailuresAreNot() {
        assertThat(connector.failure("Writing", new SQLException("terminating connection due to administrator command", "57P01")))
                .isInstanceOf(RetriableConnectorException.class);
        assertThat(connector.failure("Writing", new SQLException("could not serialize access", "40001")))
                .isInstanceOf(RetriableConnectorException.class);
        assertThat(connector.failure("Writing", new SQLException("An I/O error occurred while sending to the backend.", "08006")))
                .isInstanceOf(RetriableConnectorException.class).hasMessage("Writing failed: An I/O error occurred while sending to the backend.");
        assertThat(connector.failure("Writing", new SQLException("duplicate key value violates unique constraint", "23505")))
                .isNotInstanceOf(RetriableConnectorException.class);
    }

    @Test
    void settingsPrintWithoutThePassword() {
        assertThat(new PostgresConnectorFactory().configSpec().bind(Map.of("host", "h", "database", "d", "username", "u", "password", "hunter2")))
                .hasToString("{host=h, port=5432, database=d, username=u, password=****, schema=public, sslmode=prefer}");
    }
}
