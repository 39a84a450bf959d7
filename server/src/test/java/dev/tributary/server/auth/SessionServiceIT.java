package dev.tributary.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.store.Migrations;
import dev.tributary.server.store.Store;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.workspace.WorkspaceProvisioner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Session lifetimes, with a clock the test moves. */
class SessionServiceIT {

    private final TestingPostgres postgres = new TestingPostgres();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final Store store;
    private final SessionService sessions;
    private final UUID user;

    SessionServiceIT() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(TestingPostgres.SUPERUSER);
        new Migrations(dataSource).migrate();
        store = new Store(dataSource);
        sessions = new SessionService(store, clock);
        new WorkspaceProvisioner(store, clock).provision("Acme", Optional.empty(), List.of("ada@acme.test"));
        user = store.inTransaction(session -> session.createSelectionQuery("select u.id from User u", UUID.class).getSingleResult());
    }

    @AfterEach
    void close() {
        store.close();
        postgres.close();
    }

    @Test
    void aSessionInUseLastsUntilItsAbsoluteLimit() {
        String token = sessions.start(user).token();

        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(SessionService.ABSOLUTE.minusHours(11)) < 0; elapsed = elapsed.plusHours(11)) {
            assertThat(sessions.find(token)).as("after %s", elapsed).isPresent();
            clock.advance(Duration.ofHours(11));
        }
        clock.advance(Duration.ofHours(11));

        assertThat(sessions.find(token)).as("past %s", SessionService.ABSOLUTE).isEmpty();
    }

    @Test
    void anIdleSessionEnds() {
        String token = sessions.start(user).token();
        clock.advance(SessionService.IDLE.minusMinutes(1));
        assertThat(sessions.find(token)).isPresent();

        clock.advance(SessionService.IDLE.minusMinutes(1));
        assertThat(sessions.find(token)).as("idle since the last use, not since sign-in").isPresent();

        clock.advance(SessionService.IDLE);
        assertThat(sessions.find(token)).isEmpty();
    }

    @Test
    void revokingEveryOneOfAUsersSessionsEndsThemAtOnce() {
        String first = sessions.start(user).token();
        String second = sessions.start(user).token();

        sessions.revokeAll(user);

        assertThat(sessions.find(first)).isEmpty();
        assertThat(sessions.find(second)).isEmpty();
    }
}
