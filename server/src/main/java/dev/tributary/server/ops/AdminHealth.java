package dev.tributary.server.ops;

import dev.tributary.protocol.admin.HealthResponse;
import dev.tributary.protocol.admin.HealthResponse.Part;
import dev.tributary.server.blob.BlobStore;
import dev.tributary.server.cache.Cache;
import dev.tributary.server.config.Config;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.jobs.JobEngine;
import dev.tributary.server.store.Migrations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Checks every part the server depends on, for the admin console's dashboard. The server is healthy while no part is
 * down: Redis is optional, so an unreachable Redis only makes its part degraded.
 */
public final class AdminHealth {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String OK = "ok";
    private static final String DEGRADED = "degraded";
    private static final String DOWN = "down";
    private static final String NOT_CONFIGURED = "not_configured";

    private final Config config;
    private final DataSource dataSource;
    private final Migrations migrations;
    private final Cache cache;
    private final BlobStore payloads;
    private final BlobStore exports;
    private final JobEngine jobs;
    private final String version;
    private final Instant startedAt;
    private final Clock clock;

    public AdminHealth(Config config, DataSource dataSource, Migrations migrations, Cache cache, BlobStore payloads, BlobStore exports, JobEngine jobs,
            String version, Instant startedAt, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.migrations = migrations;
        this.cache = cache;
        this.payloads = payloads;
        this.exports = exports;
        this.jobs = jobs;
        this.version = version;
        this.startedAt = startedAt;
        this.clock = clock;
    }

    public HealthResponse check() {
        List<Part> parts = new ArrayList<>();
        parts.add(timed("metadata database", this::database));
        parts.add(timed("redis", this::redis));
        parts.add(timed("job payload store", () -> probe(payloads)));
        parts.add(timed("query export store", () -> probe(exports)));
        JobEngine.Health queue = jobs.health();
        parts.add(timed("job queue", () -> new Outcome(OK, queue.due() + " runs due, " + queue.running() + " running on " + queue.workers()
                + " workers")));
        parts.add(timed("worker heartbeats", () -> heartbeats(queue)));
        parts.add(timed("scheduler", () -> scheduler(queue)));
        parts.add(timed("worker", () -> config.hasRole(Config.Role.WORKER)
                ? new Outcome(OK, queue.runningHere() + " of " + queue.slots() + " runs (SYNC_WORKERS) running in this container")
                : new Outcome(NOT_CONFIGURED, "this container has no worker role")));
        parts.add(timed("license", this::license));
        boolean healthy = parts.stream().noneMatch(part -> part.status().equals(DOWN));
        Instant now = clock.instant();
        return new HealthResponse(healthy ? "ok" : "degraded", version, Duration.between(startedAt, now).toSeconds(),
                config.deployment(), config.development(),
                config.roles().stream().map(role -> role.name().toLowerCase(Locale.ROOT)).sorted().toList(), parts,
                config.license().map(license -> new HealthResponse.License(license.customer(), license.expiresAt().toString(),
                        license.daysLeft(now), license.limits(), license.warning(now).orElse(null))).orElse(null));
    }

    /** An expiring or expired license is degraded, never down: syncs keep running, and the operator is told to renew. */
    private Outcome license() {
        Instant now = clock.instant();
        return config.license()
                .map(license -> license.warning(now).map(warning -> new Outcome(DEGRADED, warning))
                        .orElseGet(() -> new Outcome(OK, license.customer() + ", until " + license.expiresAt())))
                .orElse(new Outcome(NOT_CONFIGURED, "development mode without a license"));
    }

    /** The outcome of one check: its status and a detail (the location checked, or why it failed). */
    private record Outcome(String status, String detail) {}

    private Part timed(String name, Supplier<Outcome> check) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = check.get();
        } catch (RuntimeException e) {
            outcome = new Outcome(DOWN, e.getMessage());
        }
        return new Part(name, outcome.status(), outcome.detail(), Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /**
     * Workers report on their runs every few seconds, wherever they run; a run whose report is late has a worker that
     * is stuck, cut off or gone, and another worker takes it over once the lease times out.
     */
    private Outcome heartbeats(JobEngine.Health queue) {
        return queue.stalestHeartbeat().map(at -> Duration.between(at, clock.instant()))
                .map(late -> late.compareTo(JobEngine.LEASE_TIMEOUT.dividedBy(2)) <= 0
                        ? new Outcome(OK, queue.running() + " runs reported within the last " + Math.max(late.toSeconds(), 0) + " s")
                        : new Outcome(DEGRADED, "a run's worker has not reported for " + late.toSeconds() + " s; another worker takes it over after "
                                + JobEngine.LEASE_TIMEOUT.toSeconds() + " s"))
                .orElse(new Outcome(OK, "no run in progress"));
    }

    /** A scheduler that has not made a pass for a while is stuck or cannot reach the database. */
    private Outcome scheduler(JobEngine.Health queue) {
        if (!config.hasRole(Config.Role.SCHEDULER)) {
            return new Outcome(NOT_CONFIGURED, "this container has no scheduler role");
        }
        return queue.lastSchedulerPass().map(pass -> Duration.between(pass, clock.instant()))
                .map(since -> since.compareTo(Duration.ofMinutes(1)) <= 0
                        ? new Outcome(OK, "last pass " + since.toSeconds() + " s ago")
                        : new Outcome(DEGRADED, "no pass for " + since.toSeconds() + " s; check the log for database errors"))
                .orElse(new Outcome(DEGRADED, "no pass yet (the schema may still be migrating)"));
    }

    private Outcome database() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TIMEOUT.toSeconds());
            statement.execute("SELECT 1");
        } catch (java.sql.SQLException e) {
            return new Outcome(DOWN, "unreachable: " + e.getMessage());
        }
        String version = migrations.currentVersion().orElse("none");
        return migrations.upToDate()
                ? new Outcome(OK, "schema version " + version)
                : new Outcome(DOWN, "schema version " + version + ", migrations pending");
    }

    private Outcome redis() {
        Cache.Health health = cache.health();
        return new Outcome(switch (health.state()) {
            case OK -> OK;
            case DEGRADED -> DEGRADED;
            case NOT_CONFIGURED -> NOT_CONFIGURED;
        }, health.detail());
    }

    /** Writes a probe object, reads it back and deletes it: what a job does with its payload, or an export with its file, in small. */
    private Outcome probe(BlobStore store) {
        String key = "health/probe-" + UUID.randomUUID();
        byte[] probe = ("health probe at " + clock.instant()).getBytes(StandardCharsets.UTF_8);
        try {
            store.put(key, new ByteArrayInputStream(probe), probe.length);
            byte[] read;
            try (InputStream in = store.open(key)) {
                read = in.readAllBytes();
            }
            store.delete(key);
            return Arrays.equals(read, probe)
                    ? new Outcome(OK, store.describe())
                    : new Outcome(DOWN, "a probe object written to " + store.describe() + " read back different");
        } catch (TributaryException e) {
            forget(store, key);
            return new Outcome(DOWN, e.getMessage());
        } catch (IOException e) {
            forget(store, key);
            return new Outcome(DOWN, "reading a probe object back from " + store.describe() + " failed: " + e.getMessage());
        }
    }

    private static void forget(BlobStore store, String probe) {
        try {
            store.delete(probe);
        } catch (TributaryException ignored) {
            // The failure reported is the one before; what is left is a few bytes under health/.
        }
    }
}
