package dev.tributary.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.config.Config.LogFormat;
import dev.tributary.server.config.Config.LogLevel;
import dev.tributary.server.config.Config.Mode;
import dev.tributary.server.config.Config.Role;
import dev.tributary.server.config.Config.Setting;
import dev.tributary.server.config.Config.Source;
import dev.tributary.server.testing.TestingLicense;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final String SECRETS_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static final Map<String, String> LICENSED = TestingLicense.env("acme");
    private static final String LICENSE = LICENSED.get("DEPLOYMENT_KEY");

    private static final Map<String, String> PRODUCTION = Map.of(
            "DEPLOYMENT", "acme",
            "DEPLOYMENT_KEY", LICENSE,
            "LICENSE_PUBLIC_KEY", LICENSED.get("LICENSE_PUBLIC_KEY"),
            "SECRETS_KEY", SECRETS_KEY,
            "DATABASE_URL", "postgres://tributary:db%2Fpass@db.internal:6543/meta?sslmode=require",
            "POLYTOMIC_URL", "https://tributary.acme.com/",
            "GOOGLE_CLIENT_ID", "client-id",
            "GOOGLE_CLIENT_SECRET", "google-secret-value",
            "ROOT_USER", "Ops@Acme.com");

    @Test
    void emptyEnvironmentIsDevelopmentModeWithDocumentedDefaults() {
        Config config = ConfigLoader.load(Map.of());

        assertThat(config.mode()).isEqualTo(Mode.DEVELOPMENT);
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath().normalize());
        assertThat(config.port()).isEqualTo(5100);
        assertThat(config.deployment()).isEqualTo("development");
        assertThat(config.rootUser()).isEqualTo("admin@localhost");
        assertThat(config.polytomicUrl()).isEqualTo(URI.create("http://localhost:5100"));
        assertThat(config.validOrigins()).containsExactly("http://localhost:5100");
        assertThat(config.roles()).containsExactlyInAnyOrder(Role.WEB, Role.WORKER, Role.SCHEDULER);
        assertThat(config.autoMigrate()).isTrue();
        assertThat(config.databasePoolSize()).isEqualTo(15);
        assertThat(config.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(config.longsyncThreshold()).isEqualTo(Duration.ZERO);
        assertThat(config.smtp()).isEmpty();
        assertThat(setting(config, Variable.SMTP_PORT)).isEqualTo(new Setting(Variable.SMTP_PORT, "587", Source.DEFAULT));
        assertThat(setting(config, Variable.SMTP_STARTTLS)).isEqualTo(new Setting(Variable.SMTP_STARTTLS, "true", Source.DEFAULT));
        assertThat(config.jobPayloadPath().uri()).isEqualTo(config.dataDir().resolve("payloads").toUri());
        assertThat(config.exportQueryLocation().uri()).isEqualTo(config.dataDir().resolve("exports").toUri());
        assertThat(config.queryTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.queryRowLimit()).isEqualTo(10_000);
        assertThat(config.queryRunnerExclude()).isEmpty();
        assertThat(config.queryWorkers()).isEqualTo(10);
        assertThat(setting(config, Variable.QUERY_TIMEOUT)).isEqualTo(new Setting(Variable.QUERY_TIMEOUT, "300", Source.DEFAULT));
        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.googleClientId()).isEmpty();
        assertThat(config.deploymentKey()).isEmpty();
        assertThat(config.secretsKeys()).isEmpty();
        assertThat(setting(config, Variable.SECRETS_KEY).value()).isEqualTo("generated in " + config.dataDir().resolve("secrets.key"));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void everyVariableIsMapped() {
        Map<String, String> env = new HashMap<>(PRODUCTION);
        env.putAll(Map.ofEntries(
                Map.entry("REDIS_URL", "rediss://:redis-pass@cache.internal:6380/2"),
                Map.entry("PORT", "8080"),
                Map.entry("DATA_DIR", "/var/lib/tributary"),
                Map.entry("EXECUTION_LOG_BUCKET", "logs-bucket"),
                Map.entry("EXECUTION_LOG_REGION", "eu-west-1"),
                Map.entry("EXPORT_QUERY_BUCKET", "exports-bucket"),
                Map.entry("EXPORT_QUERY_REGION", "us-east-2"),
                Map.entry("JOB_PAYLOAD_PATH", "s3://payloads?region=us-east-1"),
                Map.entry("QUERY_TIMEOUT", "120"),
                Map.entry("QUERY_ROW_LIMIT", "500"),
                Map.entry("QUERY_RUNNER_EXCLUDE", "MySQL, files"),
                Map.entry("QUERY_WORKERS", "4"),
                Map.entry("LOG_LEVEL", "DEBUG"),
                Map.entry("LOG_FORMAT", "json"),
                Map.entry("LONGSYNC_THRESHOLD", "90"),
                Map.entry("VALID_ORIGINS", "https://a.acme.com, https://b.acme.com:8443/"),
                Map.entry("GA_MEASUREMENT_ID", "G-ABC123"),
                Map.entry("ROLE", "worker, scheduler"),
                Map.entry("AUTO_MIGRATE", "false"),
                Map.entry("DATABASE_POOL_SIZE", "40"),
                Map.entry("SENTRY_DSN", "https://key@sentry.acme.com/4"),
                Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"),
                Map.entry("METRICS_TOKEN", "metrics-token-value"),
                Map.entry("TELEMETRY_URL", "https://telemetry.example.com/ping"),
                Map.entry("SMTP_HOST", "smtp.acme.com"),
                Map.entry("SMTP_PORT", "2525"),
                Map.entry("SMTP_USERNAME", "alerts"),
                Map.entry("SMTP_PASSWORD", "smtp-pass-value"),
                Map.entry("SMTP_FROM", "Tributary@Acme.com"),
                Map.entry("SMTP_STARTTLS", "false"),
                Map.entry("DEPLOYMENT_API_KEY", "deployment-api-key-value")));

        Config config = ConfigLoader.load(env);

        assertThat(config.mode()).isEqualTo(Mode.PRODUCTION);
        assertThat(config.deployment()).isEqualTo("acme");
        assertThat(config.deploymentKey()).contains(new Secret(LICENSE));
        assertThat(config.license().orElseThrow().customer()).isEqualTo("Test Customer");
        assertThat(setting(config, Variable.LICENSE_PUBLIC_KEY).value()).matches("P-256 public key SHA256:[0-9a-f]{16}");
        assertThat(config.otlpEndpoint()).contains(URI.create("http://collector:4318"));
        assertThat(config.metricsToken().orElseThrow().reveal()).isEqualTo("metrics-token-value");
        assertThat(config.telemetryUrl()).contains(URI.create("https://telemetry.example.com/ping"));
        assertThat(config.secretsKeys()).containsExactly(new Secret(SECRETS_KEY));
        DatabaseUrl database = config.databaseUrl().orElseThrow();
        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/meta?sslmode=require");
        assertThat(database.user()).isEqualTo("tributary");
        assertThat(database.password().orElseThrow().reveal()).isEqualTo("db/pass");
        assertThat(config.polytomicUrl()).isEqualTo(URI.create("https://tributary.acme.com"));
        assertThat(config.googleClientId()).contains("client-id");
        assertThat(config.googleClientSecret().orElseThrow().reveal()).isEqualTo("google-secret-value");
        assertThat(config.rootUser()).isEqualTo("ops@acme.com");
        RedisUrl redis = config.redisUrl().orElseThrow();
        assertThat(redis.tls()).isTrue();
        assertThat(redis.host()).isEqualTo("cache.internal");
        assertThat(redis.port()).isEqualTo(6380);
        assertThat(redis.database()).isEqualTo(2);
        assertThat(redis.password().orElseThrow().reveal()).isEqualTo("redis-pass");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/tributary"));
        assertThat(config.executionLogBucket()).contains("logs-bucket");
        assertThat(config.executionLogRegion()).contains("eu-west-1");
        assertThat(config.exportQueryBucket()).contains("exports-bucket");
        assertThat(config.exportQueryRegion()).contains("us-east-2");
        assertThat(config.exportQueryLocation().uri()).isEqualTo(URI.create("s3://exports-bucket?region=us-east-2"));
        assertThat(config.queryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.queryRowLimit()).isEqualTo(500);
        assertThat(config.queryRunnerExclude()).containsExactlyInAnyOrder("mysql", "files");
        assertThat(config.queryWorkers()).isEqualTo(4);
        assertThat(config.jobPayloadPath().kind()).isEqualTo(BlobLocation.Kind.S3);
        assertThat(config.jobPayloadPath().uri().getHost()).isEqualTo("payloads");
        assertThat(config.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config.longsyncThreshold()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.validOrigins()).containsExactly("https://tributary.acme.com", "https://a.acme.com", "https://b.acme.com:8443");
        assertThat(config.gaMeasurementId()).contains("G-ABC123");
        assertThat(config.roles()).containsExactlyInAnyOrder(Role.WORKER, Role.SCHEDULER);
        assertThat(config.autoMigrate()).isFalse();
        assertThat(config.databasePoolSize()).isEqualTo(40);
        assertThat(config.sentryDsn().orElseThrow().reveal()).isEqualTo("https://key@sentry.acme.com/4");
        Smtp smtp = config.smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("smtp.acme.com");
        assertThat(smtp.port()).isEqualTo(2525);
        assertThat(smtp.username()).contains("alerts");
        assertThat(smtp.password().orElseThrow().reveal()).isEqualTo("smtp-pass-value");
        assertThat(smtp.from()).isEqualTo("tributary@acme.com");
        assertThat(smtp.starttls()).isFalse();
        assertThat(config.secretValues()).contains("smtp-pass-value");
        assertThat(setting(config, Variable.SMTP_PASSWORD).value()).isEqualTo("****");
        assertThat(config.deploymentApiKey().orElseThrow().reveal()).isEqualTo("deployment-api-key-value");
        assertThat(config.effective()).extracting(Setting::variable).containsExactly(Variable.values());
    }

    @Test
    void emptyProductionEnvironmentListsEveryMissingRequiredVariableInOneMessage() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ENV", "production")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(8);
                    assertThat(e.getMessage()).contains("8 problems");
                    for (String name : List.of("DEPLOYMENT", "DEPLOYMENT_KEY", "SECRETS_KEY", "DATABASE_URL", "POLYTOMIC_URL",
                            "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "ROOT_USER")) {
                        assertThat(e.getMessage()).contains(name + " is required in production");
                    }
                });
    }

    @Test
    void aProductionLicenseThatIsMalformedForeignOfAnotherDeploymentOrExpiredIsAProblemNamingDeploymentKey() {
        Map<String, String> licenses = Map.of(
                "a-long-random-string", "is not a license",
                TestingLicense.issue("globex", Instant.now().plus(Duration.ofDays(30))), "is the license of deployment 'globex'",
                TestingLicense.issue("acme", Instant.now().minus(Duration.ofDays(1))), "is a license that expired on");
        licenses.forEach((license, problem) -> {
            Map<String, String> env = new HashMap<>(PRODUCTION);
            env.put("DEPLOYMENT_KEY", license);
            assertThatThrownBy(() -> ConfigLoader.load(env)).isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.problems()).singleElement().asString().startsWith("DEPLOYMENT_KEY " + problem)
                        .endsWith("expected the license your vendor issued for this DEPLOYMENT.");
                assertThat(e.getMessage()).doesNotContain(license);
            });
        });
        Map<String, String> untrusted = new HashMap<>(PRODUCTION);
        untrusted.remove("LICENSE_PUBLIC_KEY");
        assertThatThrownBy(() -> ConfigLoader.load(untrusted)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().asString().contains("signature matches no trusted key"));
    }

    @Test
    void aLicenseExpiringWithinFourteenDaysIsAWarning() {
        Map<String, String> env = new HashMap<>(PRODUCTION);
        env.put("DEPLOYMENT_KEY", TestingLicense.issue("acme", Instant.now().plus(Duration.ofDays(3))));

        Config config = ConfigLoader.load(env);

        assertThat(config.license()).isPresent();
        assertThat(config.warnings()).singleElement().asString().startsWith("The license of Test Customer expires on ");
    }

    @Test
    void developmentModeRunsWithoutALicenseAndOnlyWarnsAboutABadOne() {
        assertThat(ConfigLoader.load(Map.of()).license()).isEmpty();

        Config config = ConfigLoader.load(Map.of("DEPLOYMENT_KEY", "a-long-random-string"));

        assertThat(config.license()).isEmpty();
        assertThat(config.deploymentKey()).contains(new Secret("a-long-random-string"));
        assertThat(config.warnings()).singleElement().asString().startsWith("DEPLOYMENT_KEY is not a license");
    }

    @Test
    void aMalformedLicensePublicKeyIsAProblem() {
        assertThat(problemsFor("LICENSE_PUBLIC_KEY", "not a key")).singleElement().asString()
                .startsWith("LICENSE_PUBLIC_KEY is not a P-256 public key in PEM");
    }

    @Test
    void aDatabaseUrlAloneMeansProductionAndTheOtherRequiredVariablesAreReported() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DATABASE_URL", "postgres://u:p@localhost/db")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(7)
                        .noneMatch(problem -> problem.startsWith("DATABASE_URL")));
    }

    @Test
    void explicitDevelopmentModeRelaxesProductionRequirementsForAnExternalDatabase() {
        Config config = ConfigLoader.load(Map.of("ENV", "development", "DATABASE_URL", "postgresql://me@127.0.0.1/dev"));

        assertThat(config.mode()).isEqualTo(Mode.DEVELOPMENT);
        assertThat(config.embeddedDatabase()).isFalse();
        assertThat(config.databaseUrl().orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/dev");
        assertThat(config.databaseUrl().orElseThrow().password()).isEmpty();
    }

    @Test
    void malformedDatabaseUrlNamesTheVariableAndTheExpectedFormWithoutEchoingIt() {
        Map<String, String> env = new HashMap<>(PRODUCTION);
        env.put("DATABASE_URL", "mysql://root:hunter2@db/meta");

        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).singleElement().asString()
                            .startsWith("DATABASE_URL must start with postgres:// or postgresql://")
                            .contains(DatabaseUrl.EXPECTED_FORM);
                    assertThat(e.getMessage()).doesNotContain("hunter2");
                });
    }

    @Test
    void databaseUrlWithoutHostOrDatabaseIsRejected() {
        assertThat(problemsFor("DATABASE_URL", "postgres:///meta")).singleElement().asString().startsWith("DATABASE_URL has no host");
        assertThat(problemsFor("DATABASE_URL", "postgres://u:p@db:5432")).singleElement().asString()
                .startsWith("DATABASE_URL has no database name");
        assertThat(problemsFor("DATABASE_URL", "postgres://db:5432/meta")).singleElement().asString()
                .startsWith("DATABASE_URL has no user name");
    }

    @Test
    void malformedRedisUrlNamesTheVariableAndTheExpectedForm() {
        assertThat(problemsFor("REDIS_URL", "http://cache:6379")).singleElement().asString()
                .startsWith("REDIS_URL must start with redis:// or rediss://")
                .contains(RedisUrl.EXPECTED_FORM);
        assertThat(problemsFor("REDIS_URL", "redis://:secret@cache:6379/zero")).singleElement().asString()
                .startsWith("REDIS_URL has a path that is not a database number")
                .doesNotContain("secret");
    }

    @Test
    void deprecatedCacheUrlIsUsedWhenRedisUrlIsUnsetWithAWarning() {
        Config config = ConfigLoader.load(Map.of("CACHE_URL", "redis://cache:6379/"));

        assertThat(config.redisUrl().orElseThrow().host()).isEqualTo("cache");
        assertThat(config.warnings()).singleElement().asString().contains("CACHE_URL is deprecated");
        assertThat(setting(config, Variable.REDIS_URL).source()).isEqualTo(Source.DEPRECATED_ALIAS);
    }

    @Test
    void redisUrlWinsOverTheDeprecatedCacheUrl() {
        Config config = ConfigLoader.load(Map.of("REDIS_URL", "redis://primary:6379", "CACHE_URL", "redis://old:6379"));

        assertThat(config.redisUrl().orElseThrow().host()).isEqualTo("primary");
        assertThat(config.warnings()).singleElement().asString().contains("CACHE_URL is ignored");
    }

    @Test
    void everyMalformedValueIsReportedTogether() {
        Map<String, String> env = Map.of(
                "PORT", "http", "ROLE", "web,cook", "LOG_LEVEL", "loud", "GA_MEASUREMENT_ID", "UA-1",
                "AUTO_MIGRATE", "maybe", "DATABASE_POOL_SIZE", "0", "JOB_PAYLOAD_PATH", "ftp://x", "LONGSYNC_THRESHOLD", "-1",
                "POLYTOMIC_URL", "tributary.acme.com", "ROOT_USER", "not-an-email");

        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(10)
                        .anySatisfy(p -> assertThat(p).startsWith("PORT is not a whole number (got 'http')"))
                        .anySatisfy(p -> assertThat(p).startsWith("ROLE is not one of the accepted values (got 'web,cook')"))
                        .anySatisfy(p -> assertThat(p).startsWith("LOG_LEVEL"))
                        .anySatisfy(p -> assertThat(p).startsWith("GA_MEASUREMENT_ID"))
                        .anySatisfy(p -> assertThat(p).startsWith("AUTO_MIGRATE is not a boolean"))
                        .anySatisfy(p -> assertThat(p).startsWith("DATABASE_POOL_SIZE is out of range"))
                        .anySatisfy(p -> assertThat(p).startsWith("JOB_PAYLOAD_PATH has an unsupported scheme 'ftp'"))
                        .anySatisfy(p -> assertThat(p).startsWith("LONGSYNC_THRESHOLD is out of range"))
                        .anySatisfy(p -> assertThat(p).startsWith("POLYTOMIC_URL is not an http:// or https:// URL"))
                        .anySatisfy(p -> assertThat(p).startsWith("ROOT_USER is not an email address")));
    }

    @Test
    void effectiveSettingsMaskSecretsAndTellWhereEachValueCameFrom() {
        Map<String, String> env = new HashMap<>(PRODUCTION);
        env.put("REDIS_URL", "redis://:redis-pass@cache:6379/");
        Config config = ConfigLoader.load(env);

        assertThat(setting(config, Variable.DATABASE_URL).value()).isEqualTo("postgres://tributary:****@db.internal:6543/meta?sslmode=require");
        assertThat(setting(config, Variable.DEPLOYMENT_KEY).value()).isEqualTo("****");
        assertThat(setting(config, Variable.GOOGLE_CLIENT_SECRET).value()).isEqualTo("****");
        assertThat(setting(config, Variable.REDIS_URL).value()).isEqualTo("redis://:****@cache:6379/0");
        assertThat(setting(config, Variable.PORT)).isEqualTo(new Setting(Variable.PORT, "5100", Source.DEFAULT));
        assertThat(setting(config, Variable.ROLE).value()).isEqualTo("web,worker,scheduler");
        assertThat(setting(config, Variable.DEPLOYMENT).source()).isEqualTo(Source.ENVIRONMENT);
        assertThat(setting(config, Variable.SENTRY_DSN).source()).isEqualTo(Source.UNSET);
        assertThat(config.effective()).extracting(Setting::value)
                .noneMatch(value -> value.contains("db/pass") || value.contains("google-secret-value")
                        || value.contains(LICENSE) || value.contains("redis-pass"));
        assertThat(config.secretValues()).containsExactlyInAnyOrder(LICENSE, "google-secret-value", "db/pass", "redis-pass", SECRETS_KEY);
    }

    @Test
    void anSmtpHostNeedsASenderAndAPasswordNeedsAUserName() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("SMTP_HOST", "smtp.acme.com", "SMTP_PASSWORD", "smtp-pass-value")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(2)
                        .anySatisfy(p -> assertThat(p).startsWith("SMTP_FROM is required when SMTP_HOST is set"))
                        .anySatisfy(p -> assertThat(p).startsWith("SMTP_PASSWORD is set without SMTP_USERNAME")
                                .doesNotContain("smtp-pass-value")));
    }

    @Test
    void smtpSettingsWithoutAHostLeaveEmailOffWithAWarning() {
        Config config = ConfigLoader.load(Map.of("SMTP_FROM", "tributary@acme.com", "SMTP_USERNAME", "alerts"));

        assertThat(config.smtp()).isEmpty();
        assertThat(config.warnings()).singleElement().asString().contains("SMTP_USERNAME, SMTP_FROM", "SMTP_HOST");
    }

    @Test
    void smtpHostAloneWithASenderSendsOnPort587WithStartTls() {
        Smtp smtp = ConfigLoader.load(Map.of("SMTP_HOST", "smtp.acme.com", "SMTP_FROM", "tributary@acme.com")).smtp().orElseThrow();

        assertThat(smtp).isEqualTo(new Smtp("smtp.acme.com", 587, Optional.empty(), Optional.empty(), "tributary@acme.com", true));
    }

    @Test
        void aJobPayloadPathThisBuildCannotUseStopsTheConfigurationCheck() {
        assertThat(problemsFor("JOB_PAYLOAD_PATH", "azblob://payloads")).singleElement().asString().startsWith(
                "JOB_PAYLOAD_PATH is refused: azblob:// (Azure Blob Storage) is not supported in this build; use s3:// or file://");
        assertThat(problemsFor("JOB_PAYLOAD_PATH", "gcs://payloads")).singleElement().asString().contains(
                "gcs:// (Google Cloud Storage) is not supported in this build; use s3:// or file://");
    }

    @Test
    void anExportBucketMayBeAnS3LocationWithTheEndpointOfAnS3CompatibleStore() {
        Config config = ConfigLoader.load(Map.of("EXPORT_QUERY_BUCKET", "s3://exports/team-a?endpoint=http://minio:9000",
                "EXPORT_QUERY_REGION", "eu-west-1"));

        BlobLocation location = config.exportQueryLocation();
        assertThat(location.bucket()).isEqualTo("exports");
        assertThat(location.prefix()).isEqualTo("team-a/");
        assertThat(location.endpoint()).contains(URI.create("http://minio:9000"));
        assertThat(location.region()).contains("eu-west-1");
        assertThat(location.pathStyle()).isTrue();
        assertThat(problemsFor("EXPORT_QUERY_BUCKET", "Not_A_Bucket")).singleElement().asString()
                .startsWith("EXPORT_QUERY_BUCKET has a bucket name S3 does not allow");
        assertThat(problemsFor("EXPORT_QUERY_BUCKET", "file:///tmp/exports")).singleElement().asString()
                .startsWith("EXPORT_QUERY_BUCKET is not an S3 bucket");
    }

    @Test
    void queryRunnerLimitsOutOfRangeAreReported() {
        assertThat(problemsFor("QUERY_TIMEOUT", "0")).singleElement().asString().startsWith("QUERY_TIMEOUT is out of range");
        assertThat(problemsFor("QUERY_WORKERS", "many")).singleElement().asString().startsWith("QUERY_WORKERS is not a whole number");
    }

    @Test
    void aUrlWithAPasswordIsNotEchoedEvenInAVariableThatIsNotSecret() {
        assertThat(problemsFor("JOB_PAYLOAD_PATH", "s3://AKIAEXAMPLE:wJalrXUtnFEMI@payloads")).singleElement().asString()
                .startsWith("JOB_PAYLOAD_PATH must not hold credentials").doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void malformedSecretsKeyIsReportedWithoutEchoingIt() {
        assertThat(problemsFor("SECRETS_KEY", "not-base64!")).singleElement().asString()
                .startsWith("SECRETS_KEY holds a key that is not base64; expected 32 random bytes in base64")
                .doesNotContain("not-base64!");
        assertThat(problemsFor("SECRETS_KEY", SECRETS_KEY + ",c2hvcnQ=")).singleElement().asString()
                .startsWith("SECRETS_KEY holds a key of 5 bytes instead of 32");
    }

    @Test
    void secretsPrintMasked() {
        assertThat(new Secret("hunter2")).hasToString("****");
        assertThat(DatabaseUrl.parse("postgres://u:hunter2@h/d")).hasToString("postgres://u:****@h:5432/d");
        assertThat(RedisUrl.parse("redis://default:hunter2@h")).hasToString("redis://default:****@h:6379/0");
    }

    @Test
    void databaseUrlKeepsDriverSettingsAndBracketsIpv6Hosts() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@[::1]:5433/meta?sslmode=verify-full&sslrootcert=/etc/ca.pem");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/meta?sslmode=verify-full&sslrootcert=/etc/ca.pem");
    }

    @Test
    void blankValuesCountAsUnset() {
        Config config = ConfigLoader.load(Map.of("PORT", "  ", "REDIS_URL", ""));

        assertThat(config.port()).isEqualTo(5100);
        assertThat(config.redisUrl()).isEqualTo(Optional.empty());
        assertThat(config.roles()).isEqualTo(Set.of(Role.values()));
    }

    private static List<String> problemsFor(String name, String value) {
        try {
            ConfigLoader.load(Map.of("ENV", "development", name, value));
        } catch (ConfigException e) {
            return e.problems();
        }
        return List.of();
    }

    private static Setting setting(Config config, Variable variable) {
        return config.effective().stream().filter(setting -> setting.variable() == variable).findFirst().orElseThrow();
    }
}
