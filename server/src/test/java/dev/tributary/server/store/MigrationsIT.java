package dev.tributary.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.testing.TestingPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class MigrationsIT {

    private final TestingPostgres postgres = new TestingPostgres();

    @AfterEach
    void dropDatabase() {
        postgres.execute("DROP ROLE IF EXISTS " + postgres.database() + "_app");
        postgres.close();
    }

    @Test
    void migrateCreatesTheSchemaAndASecondRunAppliesNothing() throws Exception {
        Migrations migrations = new Migrations(dataSource("postgres"));
        assertThat(migrations.upToDate()).isFalse();

        Migrations.Outcome first = migrations.migrate();
        Migrations.Outcome second = new Migrations(dataSource("postgres")).migrate();

        assertThat(first.applied()).isGreaterThanOrEqualTo(1);
        assertThat(second.applied()).isZero();
        assertThat(second.version()).isEqualTo(first.version());
        assertThat(new Migrations(dataSource("postgres")).upToDate()).isTrue();
        assertThat(tables()).contains("organizations", "users", "flyway_schema_history");
    }

    @Test
    void aUserWithoutTheRightToAlterTheSchemaGetsAnErrorNamingTheMissingPrivilege() {
        String role = postgres.database() + "_app";
        postgres.execute("CREATE ROLE " + role + " LOGIN");
        postgres.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");

        assertThatThrownBy(() -> new Migrations(dataSource(role)).migrate())
                .isInstanceOfSatisfying(TributaryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_DATABASE_PRIVILEGE);
                    assertThat(e.getMessage())
                            .contains("permission denied for schema public")
                            .contains("GRANT CREATE ON SCHEMA public")
                            .contains("AUTO_MIGRATE=false");
                });
    }

    private PGSimpleDataSource dataSource(String user) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(user);
        return dataSource;
    }

    private List<String> tables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = postgres.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
