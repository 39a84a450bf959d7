package dev.tributary.server.testing;

import dev.tributary.server.cache.RedisCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The local Redis (127.0.0.1:6379) with a deployment name of its own, so that the keys a test makes never meet those of
 * another test or another build running at the same time; they are removed on close. A test that needs Redis fails,
 * never skips, when it is not there.
 */
public final class TestingRedis implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;

    private final String deployment = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisClient client = RedisClient.create(RedisURI.create(HOST, PORT));
    private final StatefulRedisConnection<String, String> connection;

    public TestingRedis() {
        client.setDefaultTimeout(Duration.ofSeconds(5));
        try {
            connection = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            throw new IllegalStateException("Redis at " + HOST + ":" + PORT + " is required for this test and failed: " + e.getMessage(), e);
        }
    }

    /** REDIS_URL of the local Redis, or of a proxy in front of it. */
    public static String url(int port) {
        return "redis://" + HOST + ":" + port + "/0";
    }

    /** The DEPLOYMENT to start servers and caches with. */
    public String deployment() {
        return deployment;
    }

    /** The full Redis key of a cache key of this deployment. */
    public String key(String cacheKey) {
        return RedisCache.namespace(deployment) + cacheKey;
    }

    /** Redis itself, to look at what the cache stored. */
    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void close() {
        List<String> keys = commands().keys(RedisCache.namespace(deployment) + "*");
        if (!keys.isEmpty()) {
            commands().del(keys.toArray(String[]::new));
        }
        connection.close();
        client.shutdown();
    }
}
