package dev.tributary.server.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * No cache, when REDIS_URL is unset. Not a cache in this process's memory: with several processes, one would keep
 * serving what another has just changed, as only Redis sees every invalidation.
 */
public final class NoCache implements Cache {

    @Override
    public Optional<String> get(String key) {
        return Optional.empty();
    }

    @Override
    public void put(String key, String value, Duration ttl) {}

    @Override
    public void invalidate(String key) {}

    @Override
    public Health health() {
        return new Health(State.NOT_CONFIGURED, "REDIS_URL is not set; nothing is cached and the server works on PostgreSQL alone");
    }

    @Override
    public void close() {}
}
