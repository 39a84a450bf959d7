package dev.tributary.server.ops;

import dev.tributary.protocol.admin.HealthResponse;
import dev.tributary.protocol.admin.HealthResponse.Part;
import dev.tributary.server.config.BlobLocation;
import dev.tributary.server.config.Config;
import dev.tributary.server.config.RedisUrl;
import dev.tributary.server.store.Migrations;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Checks every part the server depends on, for the admin console's dashboard. */
public final class AdminHealth {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Config config;
    private final DataSource dataSource;
    private final Migrations migrations;
    private final String version;
    private final Instant startedAt;
    private final Clock clock;

    public AdminHealth(Config config, DataSource dataSource, Migrations migrations, String version, Instant startedAt, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.migrations = migrations;
        this.version = version;
        this.startedAt = startedAt;
        this.clock = clock;
    }

    public HealthResponse check() {
        List<Part> parts = new ArrayList<>();
        parts.add(timed("metadata database", this::database));
        parts.add(config.redisUrl().map(url -> timed("redis", () -> redis(url)))
                .orElse(new Part("redis", "not_configured", "REDIS_URL is not set; caching and locks use the metadata database", 0)));
        parts.add(timed("job payload store", () -> blobStore(config.jobPayloadPath())));
        boolean healthy = parts.stream().allMatch(part -> !part.status().equals("down"));
        return new HealthResponse(healthy ? "ok" : "degraded", version, Duration.between(startedAt, clock.instant()).toSeconds(),
                config.deployment(), config.development(),
                config.roles().stream().map(role -> role.name().toLowerCase(Locale.ROOT)).sorted().toList(), parts);
    }

    /** The outcome of one check: ok with a detail, or down with the reason. */
    private record Outcome(boolean ok, String detail) {}

    private Part timed(String name, Supplier<Outcome> check) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = check.get();
        } catch (RuntimeException e) {
            outcome = new Outcome(false, e.getMessage());
        }
        return new Part(name, outcome.ok() ? "ok" : "down", outcome.detail(), Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private Outcome database() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TIMEOUT.toSeconds());
            statement.execute("SELECT 1");
        } catch (java.sql.SQLException e) {
            return new Outcome(false, "unreachable: " + e.getMessage());
        }
        String version = migrations.currentVersion().orElse("none");
        return migrations.upToDate()
                ? new Outcome(true, "schema version " + version)
                : new Outcome(false, "schema version " + version + ", migrations pending");
    }

    private static Outcome redis(RedisUrl url) {
        RedisURI.Builder uri = RedisURI.builder().withHost(url.host()).withPort(url.port()).withSsl(url.tls()).withDatabase(url.database())
                .withTimeout(TIMEOUT);
        url.password().ifPresent(password -> url.user().ifPresentOrElse(
                user -> uri.withAuthentication(user, password.reveal().toCharArray()),
                () -> uri.withPassword(password.reveal().toCharArray())));
        RedisClient client = RedisClient.create(uri.build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return new Outcome("PONG".equals(connection.sync().ping()), url.masked());
        } finally {
            client.shutdown(Duration.ZERO, TIMEOUT);
        }
    }

    private static Outcome blobStore(BlobLocation location) {
        if (location.kind() != BlobLocation.Kind.FILE) {
            return new Outcome(true, location + " (reachability is checked when the store is first used)");
        }
        Path directory = Path.of(location.uri());
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".health", ".tmp");
            Files.delete(probe);
            return new Outcome(true, location.toString());
        } catch (IOException e) {
            return new Outcome(false, "cannot write to " + directory + ": " + e.getMessage());
        }
    }
}
