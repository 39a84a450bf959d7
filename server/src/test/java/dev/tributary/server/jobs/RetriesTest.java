package dev.tributary.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.RetriableConnectorException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class RetriesTest {

    @Test
    void droppedConnectionsDeadlocksAndServerErrorsAreWorthAnotherAttempt() {
        assertThat(Retries.isTransient(new RetriableConnectorException("HTTP 503", null))).isTrue();
        assertThat(Retries.isTransient(new IllegalStateException("copy failed", new SQLTransientConnectionException("timeout")))).isTrue();
        assertThat(Retries.isTransient(new IllegalStateException("read failed", new SocketException("Connection reset")))).isTrue();
        assertThat(Retries.isTransient(new RuntimeException(new RetriableConnectorException("deadlock detected", new SQLException("", "40P01")))))
                .isTrue();
    }

    @Test
    void whatNeedsAPersonIsNot() {
        assertThat(Retries.isTransient(new ConnectorException("password authentication failed", new IOException("closed")))).isFalse();
        assertThat(Retries.isTransient(new IllegalStateException("the source has new fields"))).isFalse();
        assertThat(Retries.isTransient(new RuntimeException(new SQLException("relation \"orders\" does not exist", "42P01")))).isFalse();
    }
}
