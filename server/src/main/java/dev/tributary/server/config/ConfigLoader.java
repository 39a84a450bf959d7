package dev.tributary.server.config;

import dev.tributary.server.config.Config.LogFormat;
import dev.tributary.server.config.Config.LogLevel;
import dev.tributary.server.config.Config.Mode;
import dev.tributary.server.config.Config.Role;
import dev.tributary.server.config.Config.Setting;
import dev.tributary.server.config.Config.Source;
import dev.tributary.server.license.License;
import dev.tributary.server.license.LicenseKeys;
import dev.tributary.server.license.LicenseVerifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the {@link Config} from environment variables. Every problem is collected, and all are reported
 * together in one {@link ConfigException}; a value that may be secret is never echoed back.
 */
public final class ConfigLoader {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern GA_ID = Pattern.compile("G-[A-Z0-9]+");
    /** A URL with a password ({@code scheme://user:password@host}) in a variable not declared secret is not echoed either. */
    private static final Pattern CREDENTIALS_IN_URL = Pattern.compile("://[^/@]*:[^/@]*@");
    private static final int DEFAULT_PORT = 5100;
    private static final String LICENSE_EXPECTED = "the license your vendor issued for this DEPLOYMENT";

    private final Map<String, String> env;
    private final Clock clock;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<Variable, Setting> settings = new EnumMap<>(Variable.class);

    private ConfigLoader(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /** This process's environment variables: the only place the server reads them. */
    public static Map<String, String> processEnvironment() {
        return System.getenv();
    }

    public static Config load(Map<String, String> env) {
        return load(env, Clock.systemUTC());
    }

    /** Reads the configuration as of {@code clock}'s time, which decides whether the license has expired. */
    public static Config load(Map<String, String> env, Clock clock) {
        return new ConfigLoader(env, clock).load();
    }

    private Config load() {
        boolean databaseUrlSet = raw(Variable.DATABASE_URL).isPresent();
        Mode mode = read(Variable.ENV, "development or production", text -> enumValue(Mode.class, text))
                .orElseGet(() -> {
                    Mode implied = databaseUrlSet ? Mode.PRODUCTION : Mode.DEVELOPMENT;
                    settle(Variable.ENV, display(implied), Source.DEFAULT);
                    return implied;
                });
        boolean production = mode == Mode.PRODUCTION;

        int port = readOr(Variable.PORT, "a TCP port between 1 and 65535", text -> intIn(text, 1, 65535), DEFAULT_PORT);
        Path dataDir = readOr(Variable.DATA_DIR, "a directory path", ConfigLoader::path, path("data"));
        String deployment = production
                ? require(Variable.DEPLOYMENT, "a short name such as acme", ConfigLoader::nonBlank).orElse("")
                : readOr(Variable.DEPLOYMENT, "a short name such as acme", ConfigLoader::nonBlank, "development");
        Optional<Secret> deploymentKey = requireIf(production, Variable.DEPLOYMENT_KEY, LICENSE_EXPECTED, Secret::new);
        Optional<License> license = license(production, deployment, deploymentKey);
        List<Secret> secretsKeys = requireIf(production, Variable.SECRETS_KEY,
                "32 random bytes in base64 (openssl rand -base64 32), several comma-separated to rotate", ConfigLoader::secretsKeys)
                .orElse(List.of());
        if (secretsKeys.isEmpty() && !production) {
            settle(Variable.SECRETS_KEY, "generated in " + dataDir.resolve("secrets.key"), Source.DEFAULT);
        }
        Optional<DatabaseUrl> databaseUrl = requireIf(production, Variable.DATABASE_URL, DatabaseUrl.EXPECTED_FORM, DatabaseUrl::parse);
        if (databaseUrl.isEmpty() && !production) {
            settle(Variable.DATABASE_URL, "embedded PostgreSQL in " + dataDir.resolve("postgres"), Source.DEFAULT);
        }
        URI polytomicUrl = production
                ? require(Variable.POLYTOMIC_URL, "an http(s) URL such as https://tributary.example.com", ConfigLoader::httpUrl)
                        .orElse(URI.create("http://localhost:" + port))
                : readOr(Variable.POLYTOMIC_URL, "an http(s) URL such as https://tributary.example.com", ConfigLoader::httpUrl,
                        URI.create("http://localhost:" + port));
        Optional<String> googleClientId = requireIf(production, Variable.GOOGLE_CLIENT_ID, "the OAuth client id", ConfigLoader::nonBlank);
        Optional<Secret> googleClientSecret = requireIf(production, Variable.GOOGLE_CLIENT_SECRET, "the OAuth client secret", Secret::new);
        URI oidcIssuer = readOr(Variable.OIDC_ISSUER, "an http(s) URL such as https://accounts.google.com", ConfigLoader::httpUrl,
                URI.create("https://accounts.google.com"));
        String rootUser = production
                ? require(Variable.ROOT_USER, "an email address", ConfigLoader::email).orElse("")
                : readOr(Variable.ROOT_USER, "an email address", ConfigLoader::email, "admin@localhost");

        Optional<RedisUrl> redisUrl = redisUrl();

        Optional<String> executionLogBucket = read(Variable.EXECUTION_LOG_BUCKET,
                "a bucket name, or s3://bucket/prefix?endpoint=http://host:port for an S3-compatible store", text -> {
                    BlobLocation.bucket(text, Optional.empty());
                    return text;
                });
        if (executionLogBucket.isEmpty() && raw(Variable.EXECUTION_LOG_BUCKET).isEmpty()) {
            settle(Variable.EXECUTION_LOG_BUCKET, display(BlobLocation.of(dataDir.resolve("execution-logs"))), Source.DEFAULT);
        }
        boolean recordLogDisabled = readOr(Variable.RECORD_LOG_DISABLED, "true or false", ConfigLoader::bool, false);
        Optional<String> executionLogRegion = read(Variable.EXECUTION_LOG_REGION, "an AWS region such as us-east-1", ConfigLoader::nonBlank);
        Optional<String> exportQueryBucket = read(Variable.EXPORT_QUERY_BUCKET,
                "a bucket name, or s3://bucket/prefix?endpoint=http://host:port for an S3-compatible store", text -> {
                    BlobLocation.bucket(text, Optional.empty());
                    return text;
                });
        Optional<String> exportQueryRegion = read(Variable.EXPORT_QUERY_REGION, "an AWS region such as us-east-1", ConfigLoader::nonBlank);
        if (exportQueryBucket.isEmpty() && raw(Variable.EXPORT_QUERY_BUCKET).isEmpty()) {
            settle(Variable.EXPORT_QUERY_BUCKET, display(BlobLocation.of(dataDir.resolve("exports"))), Source.DEFAULT);
        }
        Duration queryTimeout = Duration.ofSeconds(readOr(Variable.QUERY_TIMEOUT, "a whole number of seconds between 1 and 86400",
                text -> intIn(text, 1, 86_400), 300));
        int queryRowLimit = readOr(Variable.QUERY_ROW_LIMIT, "a whole number between 1 and 1000000", text -> intIn(text, 1, 1_000_000), 10_000);
        Set<String> queryRunnerExclude = readOr(Variable.QUERY_RUNNER_EXCLUDE, "a comma-separated list of connection types such as mysql",
                text -> Set.copyOf(list(text.toLowerCase(Locale.ROOT))), Set.of());
        int queryWorkers = readOr(Variable.QUERY_WORKERS, "a whole number between 1 and 500", text -> intIn(text, 1, 500), 10);
        BlobLocation jobPayloadPath = readOr(Variable.JOB_PAYLOAD_PATH, BlobLocation.EXPECTED_FORM, BlobLocation::parse,
                BlobLocation.of(dataDir.resolve("payloads")));

        LogLevel logLevel = readOr(Variable.LOG_LEVEL, "debug, info, warn or error", text -> enumValue(LogLevel.class, text), LogLevel.INFO);
        LogFormat logFormat = readOr(Variable.LOG_FORMAT, "text or json", text -> enumValue(LogFormat.class, text), LogFormat.TEXT);
        Optional<Path> logFile = read(Variable.LOG_FILE, "a file path", ConfigLoader::path);
        Duration longsyncThreshold = readOr(Variable.LONGSYNC_THRESHOLD, "a whole number of minutes (0 turns it off)",
                text -> Duration.ofMinutes(intIn(text, 0, Integer.MAX_VALUE)), Duration.ZERO);
        Optional<Smtp> smtp = smtp();
        List<String> validOrigins = validOrigins(polytomicUrl);
        Optional<String> gaMeasurementId = read(Variable.GA_MEASUREMENT_ID, "G-XXXXXXX", ConfigLoader::gaMeasurementId);
        Set<Role> roles = readOr(Variable.ROLE, "a comma-separated list of web, worker, scheduler", ConfigLoader::roles,
                EnumSet.allOf(Role.class));
        boolean autoMigrate = readOr(Variable.AUTO_MIGRATE, "true or false", ConfigLoader::bool, true);
        int databasePoolSize = readOr(Variable.DATABASE_POOL_SIZE, "a whole number between 1 and 1000", text -> intIn(text, 1, 1000), 15);
        int syncBatchSize = readOr(Variable.SYNC_BATCH_SIZE, "a whole number between 1 and 1000000", text -> intIn(text, 1, 1_000_000), 10_000);
        int syncWorkers = readOr(Variable.SYNC_WORKERS, "a whole number between 1 and 500", text -> intIn(text, 1, 500), 10);
        boolean connectionsAllowLinkLocal = readOr(Variable.CONNECTIONS_ALLOW_LINK_LOCAL, "true or false", ConfigLoader::bool, false);
        Optional<Secret> sentryDsn = read(Variable.SENTRY_DSN, "a Sentry DSN (https://key@host/project)", Secret::new);
        Optional<URI> otlpEndpoint = read(Variable.OTEL_EXPORTER_OTLP_ENDPOINT, "an http(s) URL such as http://collector:4318",
                ConfigLoader::httpUrl);
        Optional<Secret> metricsToken = read(Variable.METRICS_TOKEN, "a long random string", Secret::new);
        Optional<URI> telemetryUrl = read(Variable.TELEMETRY_URL, "an http(s) URL", ConfigLoader::httpUrl);
        Optional<Secret> deploymentApiKey = read(Variable.DEPLOYMENT_API_KEY, "a long random string", Secret::new);

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<Setting> effective = Arrays.stream(Variable.values())
                .map(variable -> settings.getOrDefault(variable, new Setting(variable, "", Source.UNSET)))
                .toList();
        return new Config(mode, dataDir, deployment, deploymentKey, license, secretsKeys, databaseUrl, polytomicUrl, googleClientId,
                googleClientSecret, oidcIssuer, rootUser, redisUrl, port, executionLogBucket, executionLogRegion, recordLogDisabled, exportQueryBucket,
                exportQueryRegion, jobPayloadPath, queryTimeout, queryRowLimit, queryRunnerExclude, queryWorkers, logLevel, logFormat, logFile, longsyncThreshold, smtp, validOrigins, gaMeasurementId, roles, autoMigrate,
                databasePoolSize, syncBatchSize, syncWorkers, connectionsAllowLinkLocal, sentryDsn, otlpEndpoint, metricsToken, telemetryUrl, deploymentApiKey, effective, warnings);
    }

    /**
     * DEPLOYMENT_KEY as a license, checked against the build's vendor key and LICENSE_PUBLIC_KEY. In production a bad one
     * is a problem; in development mode it is only a warning, and DEPLOYMENT_KEY may be left out.
     */
    private Optional<License> license(boolean production, String deployment, Optional<Secret> deploymentKey) {
        List<ECPublicKey> trusted = new ArrayList<>(List.of(LicenseKeys.shipped()));
        read(Variable.LICENSE_PUBLIC_KEY, "a P-256 public key in PEM (tributary license keygen)", LicenseKeys::publicKey)
                .ifPresent(key -> {
                    trusted.add(key);
                    settle(Variable.LICENSE_PUBLIC_KEY, LicenseKeys.fingerprint(key), Source.ENVIRONMENT);
                });
        // Without DEPLOYMENT there is nothing to check the license against; that problem is reported on its own.
        if (deploymentKey.isEmpty() || deployment.isEmpty()) {
            return Optional.empty();
        }
        try {
            License license = new LicenseVerifier(trusted).verify(deploymentKey.get().reveal(), deployment, clock.instant());
            license.warning(clock.instant()).ifPresent(warnings::add);
            return Optional.of(license);
        } catch (IllegalArgumentException e) {
            String problem = Variable.DEPLOYMENT_KEY.name() + " " + e.getMessage() + "; expected " + LICENSE_EXPECTED + ".";
            (production ? problems : warnings).add(problem);
            return Optional.empty();
        }
    }

    private Optional<RedisUrl> redisUrl() {
        Optional<RedisUrl> redisUrl = read(Variable.REDIS_URL, RedisUrl.EXPECTED_FORM, RedisUrl::parse);
        if (raw(Variable.REDIS_URL).isPresent() || raw(Variable.CACHE_URL).isEmpty()) {
            if (raw(Variable.CACHE_URL).isPresent()) {
                settle(Variable.CACHE_URL, Secret.MASK, Source.ENVIRONMENT);
                warnings.add("CACHE_URL is ignored because REDIS_URL is set; remove CACHE_URL.");
            }
            return redisUrl;
        }
        Optional<RedisUrl> alias = read(Variable.CACHE_URL, RedisUrl.EXPECTED_FORM, RedisUrl::parse);
        alias.ifPresent(url -> {
            settle(Variable.REDIS_URL, display(url), Source.DEPRECATED_ALIAS);
            warnings.add("CACHE_URL is deprecated: rename it to REDIS_URL.");
        });
        return alias;
    }

    /** Email is on only with SMTP_HOST; the other SMTP_* variables without it are pointed out, not silently ignored. */
    private Optional<Smtp> smtp() {
        Optional<String> host = read(Variable.SMTP_HOST, "a host name such as smtp.example.com", ConfigLoader::nonBlank);
        int port = readOr(Variable.SMTP_PORT, "a TCP port between 1 and 65535", text -> intIn(text, 1, 65535), 587);
        Optional<String> username = read(Variable.SMTP_USERNAME, "the SMTP user name", ConfigLoader::nonBlank);
        Optional<Secret> password = read(Variable.SMTP_PASSWORD, "the SMTP password", Secret::new);
        Optional<String> from = read(Variable.SMTP_FROM, "an email address such as tributary@example.com", ConfigLoader::email);
        boolean starttls = readOr(Variable.SMTP_STARTTLS, "true or false", ConfigLoader::bool, true);
        if (host.isEmpty()) {
            List<String> orphans = Stream.of(Variable.SMTP_USERNAME, Variable.SMTP_PASSWORD, Variable.SMTP_FROM)
                    .filter(variable -> raw(variable).isPresent()).map(Variable::name).toList();
            if (!orphans.isEmpty()) {
                warnings.add(String.join(", ", orphans) + " set without SMTP_HOST: email stays off until SMTP_HOST is set.");
            }
            return Optional.empty();
        }
        if (from.isEmpty() && raw(Variable.SMTP_FROM).isEmpty()) {
            problems.add("SMTP_FROM is required when SMTP_HOST is set; expected the sender address of email alerts, such as tributary@example.com.");
        }
        if (password.isPresent() && username.isEmpty()) {
            problems.add("SMTP_PASSWORD is set without SMTP_USERNAME; set the user name it belongs to, or remove the password.");
        }
        return from.map(sender -> new Smtp(host.get(), port, username, password, sender, starttls));
    }

    private List<String> validOrigins(URI polytomicUrl) {
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(polytomicUrl));
        read(Variable.VALID_ORIGINS, "a comma-separated list of origins such as https://app.example.com",
                text -> list(text).stream().map(item -> origin(httpUrl(item))).toList())
                .ifPresent(origins::addAll);
        return List.copyOf(origins);
    }

    // --- reading ---

    private Optional<String> raw(Variable variable) {
        String value = env.get(variable.name());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private <T> Optional<T> read(Variable variable, String expected, Function<String, T> parser) {
        Optional<String> raw = raw(variable);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            T value = parser.apply(raw.get());
            settle(variable, display(value), Source.ENVIRONMENT);
            return Optional.of(value);
        } catch (IllegalArgumentException e) {
            String got = variable.secret() || CREDENTIALS_IN_URL.matcher(raw.get()).find() ? "" : " (got '" + raw.get() + "')";
            problems.add(variable.name() + " " + e.getMessage() + got + "; expected " + expected + ".");
            return Optional.empty();
        }
    }

    private <T> T readOr(Variable variable, String expected, Function<String, T> parser, T fallback) {
        if (raw(variable).isPresent()) {
            return read(variable, expected, parser).orElse(fallback);
        }
        settle(variable, display(fallback), Source.DEFAULT);
        return fallback;
    }

    private <T> Optional<T> require(Variable variable, String expected, Function<String, T> parser) {
        if (raw(variable).isEmpty()) {
            problems.add(variable.name() + " is required in production; expected " + expected + ". " + variable.description());
            return Optional.empty();
        }
        return read(variable, expected, parser);
    }

    private <T> Optional<T> requireIf(boolean required, Variable variable, String expected, Function<String, T> parser) {
        return required ? require(variable, expected, parser) : read(variable, expected, parser);
    }

    private void settle(Variable variable, String value, Source source) {
        settings.put(variable, new Setting(variable, variable.secret() && value.isEmpty() ? Secret.MASK : value, source));
    }

    /** Secrets, database and Redis URLs print themselves masked; enums and lists print as they are written. */
    private static String display(Object value) {
        if (value instanceof Collection<?> items) {
            return items.stream().map(ConfigLoader::display).collect(Collectors.joining(","));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    // --- parsers: each throws IllegalArgumentException saying what is wrong, never echoing the value ---

    private static String nonBlank(String text) {
        return text;
    }

    private static List<Secret> secretsKeys(String text) {
        List<String> keys = list(text);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("names no key");
        }
        for (String key : keys) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("holds a key that is not base64");
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException("holds a key of " + bytes.length + " bytes instead of 32");
            }
        }
        return keys.stream().map(Secret::new).toList();
    }

    private static int intIn(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("is out of range");
        }
        return value;
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("is not a boolean");
        };
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not one of the accepted values");
        }
    }

    private static Set<Role> roles(String text) {
        List<String> names = list(text);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names no role");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(enumValue(Role.class, name));
        }
        return roles;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static Path path(String text) {
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a valid path");
        }
    }

    private static String email(String text) {
        if (!EMAIL.matcher(text).matches()) {
            throw new IllegalArgumentException("is not an email address");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static String gaMeasurementId(String text) {
        if (!GA_ID.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a Google Analytics measurement id");
        }
        return text;
    }

    private static URI httpUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("is not an http:// or https:// URL with a host");
        }
        return uri;
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
