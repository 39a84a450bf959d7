package dev.tributary.server.config;

import dev.tributary.server.license.License;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's configuration, read from the environment once at startup by {@link ConfigLoader}.
 * Nothing else in the server reads environment variables.
 */
public record Config(
        Mode mode,
        Path dataDir,
        String deployment,
        Optional<Secret> deploymentKey,
        Optional<License> license,
        List<Secret> secretsKeys,
        Optional<DatabaseUrl> databaseUrl,
        URI polytomicUrl,
        Optional<String> googleClientId,
        Optional<Secret> googleClientSecret,
        URI oidcIssuer,
        String rootUser,
        Optional<RedisUrl> redisUrl,
        int port,
        Optional<String> executionLogBucket,
        Optional<String> executionLogRegion,
        boolean recordLogDisabled,
        Optional<String> exportQueryBucket,
        Optional<String> exportQueryRegion,
        BlobLocation jobPayloadPath,
        Duration queryTimeout,
        int queryRowLimit,
        Set<String> queryRunnerExclude,
        int queryWorkers,
        LogLevel logLevel,
        LogFormat logFormat,
        Optional<Path> logFile,
        Duration longsyncThreshold,
        Optional<Smtp> smtp,
        List<String> validOrigins,
        Optional<String> gaMeasurementId,
        Set<Role> roles,
        boolean autoMigrate,
        int databasePoolSize,
        int syncBatchSize,
        int syncWorkers,
        boolean connectionsAllowLinkLocal,
        Optional<Secret> sentryDsn,
        Optional<URI> otlpEndpoint,
        Optional<Secret> metricsToken,
        Optional<URI> telemetryUrl,
        Optional<Secret> deploymentApiKey,
        List<Setting> effective,
        List<String> warnings) {

    public enum Mode { DEVELOPMENT, PRODUCTION }

    public enum Role { WEB, WORKER, SCHEDULER }

    public enum LogLevel { DEBUG, INFO, WARN, ERROR }

    public enum LogFormat { TEXT, JSON }

    /** Where an effective value came from. */
    public enum Source { ENVIRONMENT, DEPRECATED_ALIAS, DEFAULT, UNSET }

    /** One variable as the server sees it: its value (masked when secret) and where the value came from. */
    public record Setting(Variable variable, String value, Source source) {}

    public Config {
        secretsKeys = List.copyOf(secretsKeys);
        validOrigins = List.copyOf(validOrigins);
        roles = Set.copyOf(roles);
        queryRunnerExclude = Set.copyOf(queryRunnerExclude);
        effective = List.copyOf(effective);
        warnings = List.copyOf(warnings);
    }

    public boolean development() {
        return mode == Mode.DEVELOPMENT;
    }

    /** No DATABASE_URL: the server starts its own PostgreSQL under {@link #dataDir()}. */
    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    /** Where model sync record logs go: EXECUTION_LOG_BUCKET with EXECUTION_LOG_REGION, or files under DATA_DIR/execution-logs. */
    public BlobLocation executionLogLocation() {
        return executionLogBucket.map(bucket -> BlobLocation.bucket(bucket, executionLogRegion))
                .orElseGet(() -> BlobLocation.of(dataDir.resolve("execution-logs")));
    }

    /** Where query exports go: EXPORT_QUERY_BUCKET with EXPORT_QUERY_REGION, or files under DATA_DIR/exports. */
    public BlobLocation exportQueryLocation() {
        return exportQueryBucket.map(bucket -> BlobLocation.bucket(bucket, exportQueryRegion))
                .orElseGet(() -> BlobLocation.of(dataDir.resolve("exports")));
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** Every clear secret value, so that log output can be scrubbed of them. */
    public List<String> secretValues() {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(deploymentKey, googleClientSecret, sentryDsn, metricsToken, deploymentApiKey,
                                databaseUrl.flatMap(DatabaseUrl::password), redisUrl.flatMap(RedisUrl::password),
                                smtp.flatMap(Smtp::password)).flatMap(Optional::stream),
                        secretsKeys.stream())
                .map(Secret::reveal)
                .filter(value -> !value.isEmpty())
                .toList();
    }
}
