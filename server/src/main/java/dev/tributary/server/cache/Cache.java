package dev.tributary.server.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cache of string values shared by every process of a deployment, in front of PostgreSQL. It only ever saves work:
 * when it is off or unreachable, {@link #get} finds nothing, {@link #put} and {@link #invalidate} do nothing, and
 * callers read PostgreSQL as they would without it. No method throws for the cache's own failures.
 */
public interface Cache extends AutoCloseable {

    Optional<String> get(String key);

    /** Keeps the value for at most {@code ttl}. */
    void put(String key, String value, Duration ttl);

    /** Forgets the key, as after the data behind it changed. */
    void invalidate(String key);

    /** The cached value, or the loaded one, which is cached for {@code ttl}. */
    default String getOrLoad(String key, Duration ttl, Supplier<String> loader) {
        Optional<String> cached = get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        String loaded = loader.get();
        put(key, loaded, ttl);
        return loaded;
    }

    /** Checks the cache now, for the admin health. */
    Health health();

    @Override
    void close();

    /** How the cache is doing; {@code detail} never holds a password. */
    record Health(State state, String detail) {}

    enum State {
        /** Caching. */
        OK,
        /** Configured but unreachable: nothing is cached, and the server works on PostgreSQL alone. */
        DEGRADED,
        /** No cache configured. */
        NOT_CONFIGURED
    }
}
