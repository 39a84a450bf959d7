package dev.tributary.server.auth;

import dev.tributary.server.store.Store;
import dev.tributary.server.store.User;
import dev.tributary.server.store.UserSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Browser sessions kept on the server, so that signing out, removing a user or revoking a session takes effect at
 * once. A session ends after {@link #IDLE} without use or {@link #ABSOLUTE} after sign-in, whichever comes first.
 */
public final class SessionService {

    public static final Duration IDLE = Duration.ofHours(12);
    public static final Duration ABSOLUTE = Duration.ofDays(7);
    /** Recording every request would write on every read; once a minute is precise enough for the idle timeout. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Store store;
    private final Clock clock;

    public SessionService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The cookie value (shown to the browser only) and the CSRF token of a new session. */
    public record Started(String token, String csrfToken, Instant expiresAt) {}

    public Started start(UUID userId) {
        String token = Tokens.random();
        String csrf = Tokens.random();
        Instant now = clock.instant();
        Instant expires = now.plus(ABSOLUTE);
        store.inTransaction(session -> {
            session.persist(new UserSession(Tokens.hash(token), session.getReference(User.class, userId), csrf, now, expires));
            return null;
        });
        return new Started(token, csrf, expires);
    }

    /** The live session behind a cookie token, if any. */
    public Optional<UserSession> find(String token) {
        Instant now = clock.instant();
        return store.inTransaction(session -> session
                .createSelectionQuery("from UserSession s join fetch s.user u join fetch u.organization where s.tokenHash = :hash",
                        UserSession.class)
                .setParameter("hash", Tokens.hash(token))
                .uniqueResultOptional()
                .filter(found -> found.revokedAt().isEmpty()
                        && now.isBefore(found.expiresAt())
                        && now.isBefore(found.lastSeenAt().plus(IDLE)))
                .map(found -> {
                    if (!now.isBefore(found.lastSeenAt().plus(TOUCH_EVERY))) {
                        found.seen(now);
                    }
                    return found;
                }));
    }

    public void revoke(String token) {
        Instant now = clock.instant();
        store.inTransaction(session -> session
                .createMutationQuery("update UserSession s set s.revokedAt = :now where s.tokenHash = :hash and s.revokedAt is null")
                .setParameter("now", now)
                .setParameter("hash", Tokens.hash(token))
                .executeUpdate());
    }

    /** Ends every session of a user, when they are removed or their role changes. */
    public void revokeAll(UUID userId) {
        Instant now = clock.instant();
        store.inTransaction(session -> session
                .createMutationQuery("update UserSession s set s.revokedAt = :now where s.user.id = :user and s.revokedAt is null")
                .setParameter("now", now)
                .setParameter("user", userId)
                .executeUpdate());
    }
}
