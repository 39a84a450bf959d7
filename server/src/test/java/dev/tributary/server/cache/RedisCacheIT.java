package dev.tributary.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.server.config.Config.LogFormat;
import dev.tributary.server.config.Config.LogLevel;
import dev.tributary.server.config.RedisUrl;
import dev.tributary.server.ops.LogRing;
import dev.tributary.server.ops.Logging;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingRedis;
import dev.tributary.server.testing.TestingTcpProxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis cache against the real local Redis, and against a proxy in front of it that the test cuts and restores. */
class RedisCacheIT {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private final TestingRedis redis = new TestingRedis();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private RedisCache cache;

    @BeforeAll
    static void logToTheRing() {
        Logging.configure(LogLevel.INFO, LogFormat.TEXT, List.of("redis-password-never-logged"));
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
        redis.close();
    }

    @Test
    void valuesLiveUnderTheDeploymentsPrefixForTheirTimeToLiveUntilInvalidated() {
        cache = RedisCache.connect(RedisUrl.parse(TestingRedis.url(TestingRedis.PORT)), redis.deployment(), clock);

        cache.put("catalog:a", "{\"schemas\": []}", TEN_MINUTES);

        assertThat(cache.get("catalog:a")).contains("{\"schemas\": []}");
        assertThat(redis.commands().get(redis.key("catalog:a"))).isEqualTo("{\"schemas\": []}");
        assertThat(redis.commands().pttl(redis.key("catalog:a"))).isBetween(TEN_MINUTES.toMillis() - 5_000, TEN_MINUTES.toMillis());
        cache.invalidate("catalog:a");
        assertThat(cache.get("catalog:a")).isEmpty();
        assertThat(redis.commands().exists(redis.key("catalog:a"))).isZero();
        assertThat(cache.health()).isEqualTo(new Cache.Health(Cache.State.OK, "redis://127.0.0.1:6379/0"));
    }

    @Test
    void getOrLoadLoadsOnlyWhatIsNotCached() {
        cache = RedisCache.connect(RedisUrl.parse(TestingRedis.url(TestingRedis.PORT)), redis.deployment(), clock);
        AtomicInteger loads = new AtomicInteger();

        String first = cache.getOrLoad("answer", TEN_MINUTES, () -> "loaded " + loads.incrementAndGet());
        String second = cache.getOrLoad("answer", TEN_MINUTES, () -> "loaded " + loads.incrementAndGet());

        assertThat(first).isEqualTo("loaded 1");
        assertThat(second).isEqualTo("loaded 1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void anUnreachableRedisIsAMissNeverAFailureAndIsReportedOnceWithoutItsPassword() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        long before = Logging.ring().newest();

        cache = RedisCache.connect(RedisUrl.parse("redis://:redis-password-never-logged@127.0.0.1:" + closed), redis.deployment(), clock);
        cache.put("key", "value", TEN_MINUTES);
        Optional<String> value = cache.get("key");
        clock.advance(RedisCache.RETRY_AFTER);
        cache.invalidate("key");
        Cache.Health health = cache.health();

        assertThat(value).isEmpty();
        assertThat(health.state()).isEqualTo(Cache.State.DEGRADED);
        assertThat(health.detail()).startsWith("Redis at 127.0.0.1:" + closed + " unreachable: ")
                .endsWith("; caching is off and the server works on PostgreSQL alone").doesNotContain("redis-password-never-logged");
        assertThat(linesAfter(before, "Redis at 127.0.0.1:" + closed)).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo("WARN");
            assertThat(line.message()).isEqualTo(health.detail());
        });
    }

    @Test
    void anOutageIsSkippedForAWhileThenRecoveredFromWithAnEmptyCacheAndOneLineEachWay() throws Exception {
        try (TestingTcpProxy proxy = new TestingTcpProxy(TestingRedis.HOST, TestingRedis.PORT)) {
            String where = "Redis at 127.0.0.1:" + proxy.port();
            long before = Logging.ring().newest();
            cache = RedisCache.connect(RedisUrl.parse(TestingRedis.url(proxy.port())), redis.deployment(), clock);
            cache.put("kept", "from before the outage", TEN_MINUTES);

            proxy.cut();
            await().atMost(Duration.ofSeconds(10)).until(() -> cache.get("kept").isEmpty());
            for (int request = 0; request < 20; request++) {
                cache.get("kept");
                cache.put("lost", "while away", TEN_MINUTES);
            }
            proxy.restore();
            await().atMost(Duration.ofSeconds(20)).until(() -> cache.health().state() == Cache.State.OK);

            assertThat(cache.get("kept")).as("what Redis held may have missed invalidations: dropped").isEmpty();
            assertThat(redis.commands().exists(redis.key("lost"))).as("nothing was written while away").isZero();
            cache.put("kept", "after", TEN_MINUTES);
            assertThat(cache.get("kept")).contains("after");
            assertThat(linesAfter(before, where)).satisfiesExactly(
                    warning -> assertThat(warning.level() + " " + warning.message()).startsWith("WARN " + where + " unreachable: ")
                            .endsWith("; caching is off and the server works on PostgreSQL alone"),
                    recovery -> assertThat(recovery.level() + " " + recovery.message())
                            .isEqualTo("INFO " + where + " reachable again; caching is back on"));
        }
    }

    @Test
    void afterAFailureRequestsLeaveRedisAloneUntilItIsTimeToTryAgain() throws Exception {
        // A server that takes connections and hangs up at once: every connection attempt is counted, and fails.
        AtomicInteger attempts = new AtomicInteger();
        try (ServerSocket hangsUp = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                while (!hangsUp.isClosed()) {
                    try (Socket socket = hangsUp.accept()) {
                        attempts.incrementAndGet();
                    } catch (IOException e) {
                        // Closed at the end of the test.
                    }
                }
            });
            cache = RedisCache.connect(RedisUrl.parse(TestingRedis.url(hangsUp.getLocalPort())), redis.deployment(), clock);
            assertThat(attempts).hasValue(1);

            for (int request = 0; request < 10; request++) {
                cache.get("key");
                cache.put("key", "value", TEN_MINUTES);
                clock.advance(RedisCache.RETRY_AFTER.dividedBy(20));
            }
            assertThat(attempts).as("within the retry delay").hasValue(1);

            clock.advance(RedisCache.RETRY_AFTER);
            cache.get("key");
            assertThat(attempts).as("once the delay is over").hasValue(2);
        }
    }

    private static List<LogRing.Line> linesAfter(long before, String text) throws InterruptedException {
        return Logging.ring().read(new LogRing.Query(before, Optional.empty(), Optional.of("dev.tributary"), Optional.empty(),
                Optional.empty(), Optional.of(text), 100), Duration.ZERO);
    }
}
