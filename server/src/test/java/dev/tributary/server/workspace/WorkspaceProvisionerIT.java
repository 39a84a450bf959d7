package dev.tributary.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.store.Migrations;
import dev.tributary.server.store.Store;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.workspace.WorkspaceProvisioner.Provisioned;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class WorkspaceProvisionerIT {

    private final TestingPostgres postgres = new TestingPostgres();
    private final Store store;
    private final WorkspaceProvisioner provisioner;

    WorkspaceProvisionerIT() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(TestingPostgres.SUPERUSER);
        new Migrations(dataSource).migrate();
        store = new Store(dataSource);
        provisioner = new WorkspaceProvisioner(store, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
        postgres.close();
    }

    @Test
    void provisioningTwiceCreatesOnceAndThenChangesNothing() throws Exception {
        Provisioned first = provisioner.provision("Acme", Optional.of("acme.com"), List.of("ada@acme.com", "Bob@Acme.com"));
        Provisioned second = provisioner.provision("acme", Optional.of("ACME.com"), List.of("bob@acme.com", "ada@acme.com"));

        assertThat(first.created()).isTrue();
        assertThat(first.addedUsers()).containsExactly("ada@acme.com", "bob@acme.com");
        assertThat(second.changedNothing()).isTrue();
        assertThat(second.workspace().id()).isEqualTo(first.workspace().id());
        assertThat(count("SELECT count(*) FROM organizations")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM users WHERE role = 'admin'")).isEqualTo(2);
        assertThat(provisioner.list()).singleElement().satisfies(workspace -> {
            assertThat(workspace.name()).isEqualTo("Acme");
            assertThat(workspace.ssoDomain()).contains("acme.com");
            assertThat(workspace.users()).isEqualTo(2);
            assertThat(workspace.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        });
    }

    @Test
    void provisioningAgainAddsOnlyNewAdminsAndANewDomain() throws Exception {
        provisioner.provision("Acme", Optional.empty(), List.of("ada@acme.com"));

        Provisioned again = provisioner.provision("Acme", Optional.of("acme.io"), List.of("ada@acme.com", "cy@acme.io"));

        assertThat(again.created()).isFalse();
        assertThat(again.domainChanged()).isTrue();
        assertThat(again.addedUsers()).containsExactly("cy@acme.io");
        assertThat(again.workspace().users()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM organizations WHERE sso_domain = 'acme.io'")).isEqualTo(1);
    }

    @Test
    void invalidInputIsRejectedFieldByFieldAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> provisioner.provision(" ", Optional.of("not a domain"), List.of("nobody")))
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field)
                        .containsExactly("name", "domain", "users"));
        assertThat(count("SELECT count(*) FROM organizations")).isZero();
    }

    private long count(String sql) throws Exception {
        try (Connection connection = postgres.connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
