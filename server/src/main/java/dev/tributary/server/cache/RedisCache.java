package dev.tributary.server.cache;

import dev.tributary.server.config.RedisUrl;
import dev.tributary.server.config.Secret;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache in Redis, under one key prefix per deployment. Redis going away never fails a request: the command fails
 * within {@link #COMMAND_TIMEOUT}, the outage is logged once, requests skip Redis for {@link #RETRY_AFTER} at a time,
 * and the recovery is logged once when Redis answers again.
 */
public final class RedisCache implements Cache {

    private static final Logger log = LoggerFactory.getLogger(RedisCache.class);
    /** Redis answers in well under a millisecond; a command still waiting after this means Redis is away. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    /** After a failure, requests skip Redis this long rather than each wait for it, then one tries again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final int SCAN_BATCH = 500;

    private final RedisUrl url;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final String namespace;
    private final Clock clock;
    private final ReentrantLock connecting = new ReentrantLock();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile Instant retryAt = Instant.MIN;
    private volatile String failure = "";
    private volatile boolean closed;

    private RedisCache(RedisUrl url, String namespace, Clock clock) {
        this.url = url;
        this.namespace = namespace;
        this.clock = clock;
        RedisURI.Builder builder = RedisURI.builder().withHost(url.host()).withPort(url.port()).withSsl(url.tls())
                .withDatabase(url.database()).withTimeout(COMMAND_TIMEOUT);
        url.password().ifPresent(password -> url.user().ifPresentOrElse(
                user -> builder.withAuthentication(user, password.reveal().toCharArray()),
                () -> builder.withPassword(password.reveal().toCharArray())));
        this.uri = builder.build();
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), RETRY_AFTER, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // While the connection is down, commands fail at once rather than queue until it is back.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
    }

    /** The prefix of every key of a deployment, so that deployments (and test runs) may share one Redis. */
    public static String namespace(String deployment) {
        return "tributary:" + deployment + ":";
    }

    /**
     * Connects now, so that an unreachable Redis is reported at startup; when it cannot, the server starts anyway and
     * the cache keeps trying.
     */
    public static RedisCache connect(RedisUrl url, String deployment, Clock clock) {
        RedisCache cache = new RedisCache(url, namespace(deployment), clock);
        if (cache.call(RedisCommands::ping, false).isPresent()) {
            log.info("Caching in Redis at {} under {}*", url.masked(), cache.namespace);
        }
        return cache;
    }

    @Override
    public Optional<String> get(String key) {
        return call(commands -> commands.get(namespace + key), true);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        call(commands -> commands.set(namespace + key, value, SetArgs.Builder.px(Math.max(1, ttl.toMillis()))), true);
    }

    @Override
    public void invalidate(String key) {
        call(commands -> commands.unlink(namespace + key), true);
    }

    @Override
    public Health health() {
        return call(RedisCommands::ping, false).isPresent()
                ? new Health(State.OK, url.masked())
                : new Health(State.DEGRADED, unreachable());
    }

    private String where() {
        return url.host() + ":" + url.port();
    }

    private String unreachable() {
        return "Redis at " + where() + " unreachable: " + failure + "; caching is off and the server works on PostgreSQL alone";
    }

    /** Runs one command; empty when Redis is skipped, failed, or answered nothing. */
    private <T> Optional<T> call(Function<RedisCommands<String, String>, T> command, boolean skipWhileAway) {
        if (closed || skipWhileAway && clock.instant().isBefore(retryAt)) {
            return Optional.empty();
        }
        try {
            RedisCommands<String, String> commands = connection().sync();
            if (!reachable.get()) {
                recovered(commands);
            }
            return Optional.ofNullable(command.apply(commands));
        } catch (RedisException e) {
            failed(e);
            return Optional.empty();
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return current;
        }
        connecting.lock();
        try {
            // Once connected, the client reconnects by itself; until then, each try after RETRY_AFTER connects anew.
            if (connection == null) {
                connection = client.connect(StringCodec.UTF8, uri);
            }
            return connection;
        } finally {
            connecting.unlock();
        }
    }

    private void failed(RedisException e) {
        retryAt = clock.instant().plus(RETRY_AFTER);
        failure = reason(e);
        if (reachable.compareAndSet(true, false)) {
            log.warn(unreachable());
        }
    }

    /** Invalidations sent while Redis was away were lost, so what it still holds may be stale: the cache starts empty. */
    private void recovered(RedisCommands<String, String> commands) {
        ScanArgs matching = ScanArgs.Builder.matches(glob(namespace) + "*").limit(SCAN_BATCH);
        KeyScanCursor<String> cursor = commands.scan(matching);
        while (true) {
            if (!cursor.getKeys().isEmpty()) {
                commands.unlink(cursor.getKeys().toArray(String[]::new));
            }
            if (cursor.isFinished()) {
                break;
            }
            cursor = commands.scan(cursor, matching);
        }
        retryAt = Instant.MIN;
        if (reachable.compareAndSet(false, true)) {
            log.info("Redis at {} reachable again; caching is back on", where());
        }
    }

    /** The failure and its causes in one line, without the password (the client's messages name only host and port, but to be sure). */
    private String reason(Throwable e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !reason.toString().contains(cause.getMessage())) {
                reason.append(" (").append(cause.getMessage()).append(')');
            }
        }
        String text = reason.toString().replaceFirst("^Currently not connected\\. Commands are rejected\\.", "connection lost, reconnecting")
                .replaceFirst("\\.$", "");
        return url.password().map(Secret::reveal).filter(password -> !password.isEmpty())
                .map(password -> text.replace(password, Secret.MASK)).orElse(text);
    }

    /** The namespace as a SCAN pattern: glob characters in it match only themselves. */
    private static String glob(String literal) {
        return literal.replaceAll("([\\\\*?\\[\\]])", "\\\\$1");
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, COMMAND_TIMEOUT);
        resources.shutdown(0, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
