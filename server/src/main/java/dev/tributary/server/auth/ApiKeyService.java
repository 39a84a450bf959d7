package dev.tributary.server.auth;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.store.ApiKey;
import dev.tributary.server.store.Store;
import dev.tributary.server.store.User;
import dev.tributary.protocol.Problem.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys: {@code trb_} followed by 43 random characters. The key is shown once when created; the database keeps
 * its SHA-256 hash and its first characters (to tell keys apart in a list). Revocation takes effect on the next request.
 */
public final class ApiKeyService {

    public static final String KEY_PREFIX = "trb_";
    private static final int SHOWN_PREFIX_LENGTH = KEY_PREFIX.length() + 6;
    private static final int MAX_NAME_LENGTH = 100;

    private final Store store;
    private final Clock clock;

    public ApiKeyService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new key with its clear value, which exists only in this object. */
    public record Created(ApiKey key, String clearKey) {}

    public Created create(UUID userId, String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw TributaryException.invalid(List.of(new FieldError("name",
                    "give the key a name of 1 to " + MAX_NAME_LENGTH + " characters, such as 'nightly export script'.")));
        }
        String clear = KEY_PREFIX + Tokens.random();
        return store.inTransaction(session -> {
            User user = session.find(User.class, userId);
            if (user == null) {
                throw new TributaryException(ErrorCode.NOT_FOUND, "No user " + userId + ".");
            }
            ApiKey key = new ApiKey(user, trimmed, clear.substring(0, SHOWN_PREFIX_LENGTH), Tokens.hash(clear), clock.instant());
            session.persist(key);
            return new Created(key, clear);
        });
    }

    public List<ApiKey> list(UUID userId) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from ApiKey k where k.user.id = :user order by k.createdAt", ApiKey.class)
                .setParameter("user", userId)
                .getResultList());
    }

    /** Revokes a key of this user; false when the user has no such key. */
    public boolean revoke(UUID userId, UUID keyId) {
        return store.inTransaction(session -> session
                .createMutationQuery("update ApiKey k set k.revokedAt = :now where k.id = :id and k.user.id = :user and k.revokedAt is null")
                .setParameter("now", clock.instant())
                .setParameter("id", keyId)
                .setParameter("user", userId)
                .executeUpdate() == 1
                || session.createSelectionQuery("select count(k) from ApiKey k where k.id = :id and k.user.id = :user", Long.class)
                        .setParameter("id", keyId).setParameter("user", userId).getSingleResult() == 1);
    }

    /** The live key matching a presented value, with its user. */
    public Optional<ApiKey> authenticate(String presented) {
        if (!presented.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        return store.inTransaction(session -> session
                .createSelectionQuery("from ApiKey k join fetch k.user u join fetch u.organization where k.keyHash = :hash", ApiKey.class)
                .setParameter("hash", Tokens.hash(presented))
                .uniqueResultOptional()
                .filter(key -> key.revokedAt().isEmpty())
                .map(key -> {
                    Instant now = clock.instant();
                    // One write a minute per key is precise enough for "last used".
                    if (key.lastUsedAt().map(last -> !now.isBefore(last.plusSeconds(60))).orElse(true)) {
                        key.used(now);
                    }
                    return key;
                }));
    }
}
