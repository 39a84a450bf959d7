package dev.tributary.server;

import dev.tributary.server.config.Config;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpServer;
import dev.tributary.server.ops.HealthCheck;
import dev.tributary.server.store.MetadataDatabase;
import dev.tributary.server.store.Migrations;
import dev.tributary.server.store.Store;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running server: metadata database, migrations, store and HTTP, started and stopped in order. */
public final class Tributary implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tributary.class);
    private static final Duration MIGRATION_RETRY = Duration.ofSeconds(5);

    private final MetadataDatabase database;
    private final Store store;
    private final HttpServer http;
    private final ScheduledExecutorService background;

    private Tributary(MetadataDatabase database, Store store, HttpServer http, ScheduledExecutorService background) {
        this.database = database;
        this.store = store;
        this.http = http;
        this.background = background;
    }

    public static Tributary start(Config config) {
        config.warnings().forEach(log::warn);
        if (config.development()) {
            log.warn("DEVELOPMENT MODE: metadata in {}, no Google sign-in required; not for production"
                    + " (set DATABASE_URL and the production variables, see the README)",
                    config.embeddedDatabase() ? "an embedded PostgreSQL under " + config.dataDir() : "DATABASE_URL");
        }
        MetadataDatabase database = MetadataDatabase.open(config);
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("tributary-background").daemon().factory());
        try {
            log.info("Metadata database: {}", database.description());
            Migrations migrations = new Migrations(database.dataSource());
            if (config.autoMigrate()) {
                migrateOrRetry(migrations, background);
            }
            Store store = new Store(database.dataSource());
            HttpServer http = HttpServer.start("0.0.0.0", config.port(), RouteTable.routes(new HealthCheck(database.dataSource(), migrations)));
            log.info("Tributary {} started with roles {} at {}", version(), config.roles(), config.polytomicUrl());
            return new Tributary(database, store, http, background);
        } catch (RuntimeException | Error e) {
            background.shutdownNow();
            database.close();
            throw e;
        }
    }

    /**
     * Migrates now; if the database is unreachable, keeps trying in the background so the server comes up
     * (reporting 503) and heals when the database is back. Any other failure, such as a missing privilege, stops startup.
     */
    private static void migrateOrRetry(Migrations migrations, ScheduledExecutorService background) {
        try {
            Migrations.Outcome outcome = migrations.migrate();
            log.info("Database schema at version {} ({} migrations applied)", outcome.version(), outcome.applied());
        } catch (TributaryException e) {
            if (e.code() != ErrorCode.DATABASE_UNAVAILABLE) {
                throw e;
            }
            log.warn("{}; migrating when it answers (retrying every {}s)", e.getMessage(), MIGRATION_RETRY.toSeconds());
            background.schedule(() -> {
                try {
                    migrateOrRetry(migrations, background);
                } catch (TributaryException failure) {
                    log.error("Cannot migrate the metadata database: {}", failure.getMessage());
                }
            }, MIGRATION_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public static String version() {
        String version = Tributary.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    public int port() {
        return http.port();
    }

    public Store store() {
        return store;
    }

    /** Stops taking requests, finishes those in flight (at most {@code grace}), then releases everything. */
    public void stop(Duration grace) {
        log.info("Shutting down");
        http.shutdown(grace);
        background.shutdownNow();
        store.close();
        database.close();
        log.info("Stopped");
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
