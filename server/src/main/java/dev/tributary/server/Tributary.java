package dev.tributary.server;

import dev.tributary.server.audit.AuditApi;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.auth.AdminTokens;
import dev.tributary.server.auth.AdminTokensApi;
import dev.tributary.server.auth.ApiKeyService;
import dev.tributary.server.auth.ApiKeysApi;
import dev.tributary.server.auth.AuthGate;
import dev.tributary.server.auth.ConsoleSignIn;
import dev.tributary.server.auth.FailureLimiter;
import dev.tributary.server.auth.MeApi;
import dev.tributary.server.auth.OidcProvider;
import dev.tributary.server.auth.Permissions;
import dev.tributary.server.auth.PermissionsApi;
import dev.tributary.server.auth.SessionService;
import dev.tributary.server.auth.SignIn;
import dev.tributary.server.blob.BlobStore;
import dev.tributary.server.blob.BlobStores;
import dev.tributary.server.blob.SignedLinks;
import dev.tributary.server.cache.Cache;
import dev.tributary.server.cache.NoCache;
import dev.tributary.server.cache.RedisCache;
import dev.tributary.server.config.Config;
import dev.tributary.server.connect.ConnectorRegistry;
import dev.tributary.server.connection.ConnectionService;
import dev.tributary.server.connection.ConnectionsApi;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpServer;
import dev.tributary.server.http.Route;
import dev.tributary.server.jobs.JobEngine;
import dev.tributary.server.jobs.SchedulesApi;
import dev.tributary.server.modelsync.ModelService;
import dev.tributary.server.modelsync.ModelSyncJobs;
import dev.tributary.server.modelsync.ModelSyncRunner;
import dev.tributary.server.modelsync.ModelSyncService;
import dev.tributary.server.modelsync.ModelSyncsApi;
import dev.tributary.server.modelsync.Snapshots;
import dev.tributary.server.modelsync.ModelsApi;
import dev.tributary.server.modelsync.RecordLogs;
import dev.tributary.server.notify.Deliveries;
import dev.tributary.server.notify.EventsApi;
import dev.tributary.server.notify.GlobalErrorSubscribersApi;
import dev.tributary.server.notify.Mailer;
import dev.tributary.server.notify.Notifications;
import dev.tributary.server.notify.RunAlerts;
import dev.tributary.server.notify.WebhooksApi;
import dev.tributary.server.ops.AdminApi;
import dev.tributary.server.ops.AdminHealth;
import dev.tributary.server.ops.ErrorReports;
import dev.tributary.server.ops.ExecutionCounts;
import dev.tributary.server.ops.HealthCheck;
import dev.tributary.server.ops.Metrics;
import dev.tributary.server.ops.RequestObserver;
import dev.tributary.server.ops.RunObservations;
import dev.tributary.server.ops.Tracing;
import dev.tributary.server.query.DownloadsApi;
import dev.tributary.server.query.QueriesApi;
import dev.tributary.server.query.QueryService;
import dev.tributary.server.secrets.DeploymentKeys;
import dev.tributary.server.secrets.SecretsCipher;
import dev.tributary.server.store.MetadataDatabase;
import dev.tributary.server.store.Migrations;
import dev.tributary.server.store.Store;
import dev.tributary.server.sync.BulkSyncService;
import dev.tributary.server.sync.BulkSyncsApi;
import dev.tributary.server.telemetry.Telemetry;
import dev.tributary.server.ui.UiAssets;
import dev.tributary.server.workspace.AdminWorkspacesApi;
import dev.tributary.server.workspace.Directory;
import dev.tributary.server.workspace.OrganizationsApi;
import dev.tributary.server.workspace.SignInProviders;
import dev.tributary.server.workspace.UsersApi;
import dev.tributary.server.workspace.WorkspaceProvisioner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running server: metadata database, migrations, store, cache, payload store and HTTP, started and stopped in order. */
public final class Tributary implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tributary.class);
    private static final Duration MIGRATION_RETRY = Duration.ofSeconds(5);
    /** Failed sign-ins or key checks allowed per address and window before that address must wait. */
    private static final int FAILURES_ALLOWED = 20;
    private static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final MetadataDatabase database;
    private final Store store;
    private final HttpServer http;
    private final List<Route> routes;
    private final JobEngine jobs;
    private final Notifications notifications;
    private final Deliveries deliveries;
    private final ScheduledExecutorService background;
    private final Cache cache;
    private final BlobStore payloads;
    private final BlobStore executionLogs;
    private final QueryService queries;
    private final Observability observability;

    /** What watches the server: error reports, traces and metrics; started before the services they watch and stopped last. */
    private record Observability(Optional<ErrorReports> errors, Tracing tracing, Metrics metrics) implements AutoCloseable {

        static Observability start(Config config) {
            return new Observability(ErrorReports.start(config, version()), Tracing.start(config, version()), new Metrics());
        }

        @Override
        public void close() {
            metrics.close();
            tracing.close();
            errors.ifPresent(ErrorReports::stop);
        }
    }

    private Tributary(MetadataDatabase database, Store store, HttpServer http, List<Route> routes, JobEngine jobs,
            Notifications notifications, Deliveries deliveries, ScheduledExecutorService background, Cache cache, BlobStore payloads,
            BlobStore executionLogs, QueryService queries, Observability observability) {
        this.database = database;
        this.store = store;
        this.http = http;
        this.routes = routes;
        this.jobs = jobs;
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.background = background;
        this.cache = cache;
        this.payloads = payloads;
        this.executionLogs = executionLogs;
        this.queries = queries;
        this.observability = observability;
    }

    public static Tributary start(Config config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts with {@code clock} as the time of everything that expires, is dated or waits. */
    public static Tributary start(Config config, Clock clock) {
        config.warnings().forEach(log::warn);
        if (config.development()) {
            log.warn("DEVELOPMENT MODE: metadata in {}, no Google sign-in required; not for production"
                    + " (set DATABASE_URL and the production variables, see the README)",
                    config.embeddedDatabase() ? "an embedded PostgreSQL under " + config.dataDir() : "DATABASE_URL");
        }
        // Opened first: a payload location the server cannot use stops it before anything else starts.
        BlobStore payloads = BlobStores.open(config.jobPayloadPath());
        BlobStore exports;
        try {
            exports = BlobStores.open(config.exportQueryLocation());
        } catch (RuntimeException | Error e) {
            payloads.close();
            throw e;
        }
        BlobStore executionLogs;
        try {
            executionLogs = BlobStores.open(config.executionLogLocation());
        } catch (RuntimeException | Error e) {
            payloads.close();
            exports.close();
            throw e;
        }
        Cache cache = config.redisUrl().<Cache>map(url -> RedisCache.connect(url, config.deployment(), clock)).orElseGet(NoCache::new);
        MetadataDatabase database;
        try {
            database = MetadataDatabase.open(config);
        } catch (RuntimeException | Error e) {
            cache.close();
            payloads.close();
            exports.close();
            executionLogs.close();
            throw e;
        }
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("tributary-background").daemon().factory());
        QueryService queries = null;
        Observability observability = null;
        try {
            observability = Observability.start(config);
            Metrics metrics = observability.metrics();
            log.info("Metadata database: {}", database.description());
            log.info("Job payloads: {}", payloads.describe());
            log.info("Query exports: {}", exports.describe());
            log.info("Record logs: {}{}", executionLogs.describe(), config.recordLogDisabled() ? " (off: RECORD_LOG_DISABLED)" : "");
            if (config.redisUrl().isEmpty()) {
                log.info("REDIS_URL is not set: nothing is cached and the server works on PostgreSQL alone");
            }
            Migrations migrations = new Migrations(database.dataSource());
            Store store = new Store(database.dataSource());
            Directory directory = new Directory(store, clock);
            AuditLog audit = new AuditLog(store, clock);
            SessionService sessions = new SessionService(store, clock);
            ApiKeyService apiKeys = new ApiKeyService(store, clock);
            FailureLimiter failures = new FailureLimiter(FAILURES_ALLOWED, FAILURE_WINDOW, clock);
            Optional<OidcProvider> provider = config.googleClientId().map(clientId -> new OidcProvider(config.oidcIssuer(), clientId,
                    config.googleClientSecret().orElseThrow(), URI.create(config.polytomicUrl() + "/auth")));
            SecretsCipher cipher = SecretsCipher.forConfig(config);
            Permissions permissions = new Permissions(store, clock);
            ConnectionService connections = new ConnectionService(store, ConnectorRegistry.load(), cipher, permissions, cache, clock,
                    config.connectionsAllowLinkLocal(), observability.tracing().tracer());
            Optional<Mailer> mailer = Mailer.forConfig(config);
            mailer.ifPresentOrElse(mail -> log.info("Email alerts are sent through {}", mail.description()),
                    () -> log.info("Email alerts are off: SMTP_HOST is not set (webhooks still work)"));
            Notifications notifications = new Notifications(store, cipher, mailer, clock);
            JobEngine jobs = new JobEngine(store, new RunAlerts(notifications),
                    new RunObservations(store, observability.tracing().tracer(), metrics), config.longsyncThreshold(), clock);
            metrics.watchQueue(jobs);
            BulkSyncService bulkSyncs = new BulkSyncService(store, connections, permissions, jobs, config.syncBatchSize(), clock);
            ModelService models = new ModelService(store, connections, permissions, clock);
            AdminTokens adminTokens = new AdminTokens(AdminTokens.key(config), config.polytomicUrl().toString(), clock);
            SignedLinks links = new SignedLinks(DeploymentKeys.key(config, "tributary download links", "download-link.key"), config.polytomicUrl(), clock);
            Snapshots snapshots = new Snapshots(payloads);
            RecordLogs recordLogs = new RecordLogs(executionLogs, links, config.recordLogDisabled());
            ModelSyncJobs modelSyncJobs = new ModelSyncJobs(store, new ModelSyncRunner(store, connections, snapshots, recordLogs,
                    config.dataDir().resolve("work"), config.syncBatchSize(), clock), snapshots, recordLogs);
            jobs.register(modelSyncJobs);
            ModelSyncService modelSyncs = new ModelSyncService(store, models, connections, permissions, jobs, modelSyncJobs, clock);
            queries = new QueryService(store, connections, exports, links, QueryService.Settings.of(config), clock);
            SignInProviders organizationProviders = new SignInProviders(cipher);
            SignIn signIn = new SignIn(provider, organizationProviders, store, directory, sessions, audit, failures, config.polytomicUrl(), clock);
            boolean localSignIn = config.development() && provider.isEmpty();
            Telemetry telemetry = new Telemetry(store, config.deployment(), version(), clock);
            prepareSchema(migrations, config.autoMigrate(), background, () -> {
                firstStart(config, store, directory, signIn, localSignIn, clock);
                startJobs(config, jobs);
                startTelemetry(config, telemetry, background);
            });
            RouteTable.Handlers handlers = new RouteTable.Handlers(new HealthCheck(database.dataSource(), migrations), signIn,
                    new ConsoleSignIn(store, directory, adminTokens, audit, failures, config.rootUser(), clock), localSignIn,
                    new MeApi(directory, () -> config.license().flatMap(license -> license.warning(clock.instant()))), new OrganizationsApi(directory, organizationProviders, audit), new UsersApi(directory, sessions, audit),
                    new ApiKeysApi(apiKeys, directory, audit), new PermissionsApi(permissions, audit),
                    new ConnectionsApi(connections, audit), new BulkSyncsApi(bulkSyncs, audit), new SchedulesApi(),
                    new ModelsApi(models, audit), new ModelSyncsApi(modelSyncs, recordLogs, audit),
                    new AdminTokensApi(adminTokens, audit),
                    new AdminApi(new AdminHealth(config, database.dataSource(), migrations, cache, payloads, exports, jobs, version(),
                            clock.instant(), clock),
                            config, new ExecutionCounts(database.dataSource(), clock)),
                    new AdminWorkspacesApi(new WorkspaceProvisioner(store, clock), audit), new AuditApi(audit),
                    new EventsApi(notifications), new WebhooksApi(notifications.webhooks(), audit),
                    new GlobalErrorSubscribersApi(notifications, audit), new QueriesApi(queries, audit),
                    new DownloadsApi(links, Map.of(QueryService.EXPORTS, exports, RecordLogs.STORE, executionLogs)),
                    new UiAssets(config.gaMeasurementId()), metrics);
            AuthGate gate = new AuthGate(sessions, apiKeys, adminTokens, directory, config.rootUser(), config.deploymentApiKey(), config.metricsToken(),
                    config.validOrigins(), failures);
            List<Route> routes = RouteTable.routes(handlers);
            HttpServer http = HttpServer.start("0.0.0.0", config.port(), routes, gate,
                    new RequestObserver(observability.tracing().tracer(), metrics));
            // Made last: nothing after it can fail, so its HTTP client is never left behind by a failed start.
            Deliveries deliveries = new Deliveries(store, cipher, mailer, clock);
            if (config.hasRole(Config.Role.WORKER)) {
                deliveries.start();
                background.scheduleWithFixedDelay(() -> purgeExpired("events", Notifications.RETENTION, notifications::purgeExpired),
                        PURGE_EVERY.toMinutes(), PURGE_EVERY.toMinutes(), TimeUnit.MINUTES);
            }
            // Queries run in whichever container received them, so every container deletes the expired ones.
            IntSupplier purgeQueries = queries::purgeExpired;
            background.scheduleWithFixedDelay(() -> purgeExpired("queries with their results and exports", QueryService.RETENTION,
                    purgeQueries), PURGE_EVERY.toMinutes(), PURGE_EVERY.toMinutes(), TimeUnit.MINUTES);
            // The startup warning is among the configuration's; this repeats it daily while the server runs.
            config.license().ifPresent(license -> background.scheduleAtFixedRate(() -> license.warning(clock.instant()).ifPresent(log::warn),
                    1, 1, TimeUnit.DAYS));
            log.info("Tributary {} started with roles {} at {}", version(), config.roles(), config.polytomicUrl());
            return new Tributary(database, store, http, routes, jobs, notifications, deliveries, background, cache, payloads, executionLogs,
                    queries, observability);
        } catch (RuntimeException | Error e) {
            background.shutdownNow();
            if (observability != null) {
                observability.close();
            }
            if (queries != null) {
                queries.close();
            }
            database.close();
            cache.close();
            payloads.close();
            exports.close();
            executionLogs.close();
            throw e;
        }
    }

    /**
     * Migrates now (or, with AUTO_MIGRATE=false, checks that `tributary migrate` has run), then runs {@code then}. While the
     * database is unreachable or still unmigrated, keeps checking in the background so the server comes up (reporting 503)
     * and heals by itself. Any other failure, such as a missing privilege, stops startup.
     */
    private static void prepareSchema(Migrations migrations, boolean apply, ScheduledExecutorService background, Runnable then) {
        try {
            if (apply) {
                Migrations.Outcome outcome = migrations.migrate();
                log.info("Database schema at version {} ({} migrations applied)", outcome.version(), outcome.applied());
            } else if (!migrations.upToDate()) {
                log.warn("The database has pending migrations and AUTO_MIGRATE is false: waiting for `tributary migrate`");
                retry(migrations, apply, background, then);
                return;
            }
            then.run();
        } catch (TributaryException e) {
            if (e.code() != ErrorCode.DATABASE_UNAVAILABLE) {
                throw e;
            }
            log.warn("{}; trying again every {}s", e.getMessage(), MIGRATION_RETRY.toSeconds());
            retry(migrations, apply, background, then);
        }
    }

    private static void retry(Migrations migrations, boolean apply, ScheduledExecutorService background, Runnable then) {
        background.schedule(() -> {
            try {
                prepareSchema(migrations, apply, background, then);
            } catch (TributaryException failure) {
                log.error("Cannot prepare the metadata database: {}", failure.getMessage());
            }
        }, MIGRATION_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * On the first start, ROOT_USER becomes the admin of a first workspace named after the deployment. In development
     * mode without an OAuth client, a one-time sign-in link for ROOT_USER is printed.
     */
    private static void firstStart(Config config, Store store, Directory directory, SignIn signIn, boolean localSignIn, Clock clock) {
        try {
            if (directory.organizations(Optional.empty()).isEmpty()) {
                new WorkspaceProvisioner(store, clock).provision(config.deployment(), Optional.empty(), List.of(config.rootUser()));
                log.info("Created the first workspace '{}' with {} as its admin", config.deployment(), config.rootUser());
            }
            if (localSignIn) {
                log.warn("Sign in as {} with this one-time link (valid for an hour): {}{}", config.rootUser(), config.polytomicUrl(),
                        signIn.issueLocalLink(config.rootUser()));
            }
        } catch (RuntimeException e) {
            log.error("Could not prepare the first workspace: {}", e.getMessage(), e);
        }
    }

    /** The worker and scheduler loops, as this container's roles ask; they start once the schema is ready. */
    private static void startJobs(Config config, JobEngine jobs) {
        if (config.hasRole(Config.Role.WORKER)) {
            jobs.startWorker(config.syncWorkers());
        }
        if (config.hasRole(Config.Role.SCHEDULER)) {
            jobs.startScheduler();
        }
    }

    /** The daily usage report, from the scheduler role only so that a deployment of many containers sends one. */
    private static void startTelemetry(Config config, Telemetry telemetry, ScheduledExecutorService background) {
        config.telemetryUrl().filter(url -> config.hasRole(Config.Role.SCHEDULER)).ifPresent(url -> {
            log.info("Usage reports (counts only, see `tributary telemetry show`) are sent daily to TELEMETRY_URL");
            background.scheduleAtFixedRate(() -> telemetry.send(url), 0, Telemetry.EVERY.toMinutes(), TimeUnit.MINUTES);
        });
    }

    /** One round of deleting what expired; {@code what} names it in the log ("events", "queries"). */
    private static void purgeExpired(String what, Duration retention, IntSupplier purge) {
        try {
            int purged = purge.getAsInt();
            if (purged > 0) {
                log.info("Deleted {} {} older than {} h", purged, what, retention.toHours());
            }
        } catch (RuntimeException e) {
            // Caught so that the schedule keeps running; the next round tries again.
            log.warn("Could not delete expired {}: {}", what, e.getMessage());
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

    /** The job engine: queue, workers and scheduler. */
    public JobEngine jobs() {
        return jobs;
    }

    /** Records events and queues their webhook calls and emails; the job engine calls it as executions change status. */
    public Notifications notifications() {
        return notifications;
    }

    /** Sends the queued webhook calls and emails; its loop runs only in the worker role. */
    public Deliveries deliveries() {
        return deliveries;
    }

    /** Where job payloads are kept (JOB_PAYLOAD_PATH). */
    public BlobStore payloads() {
        return payloads;
    }

    /** The SQL runner: queries, their results and exports. */
    public QueryService queries() {
        return queries;
    }

    /** The route table this server answers. */
    public List<Route> routes() {
        return routes;
    }

    /** Stops taking requests, finishes those in flight (at most {@code grace}), then releases everything. */
    public void stop(Duration grace) {
        log.info("Shutting down");
        http.shutdown(grace);
        jobs.stop(grace.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : grace);
        queries.close();
        deliveries.close();
        background.shutdownNow();
        store.close();
        database.close();
        cache.close();
        payloads.close();
        executionLogs.close();
        queries.exports().close();
        log.info("Stopped");
        observability.close();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
