package dev.tributary.server.config;

/**
 * Every environment variable the server reads, declared once. The declaration drives validation,
 * {@code tributary config check}, the admin API's effective configuration and the README table
 * (a test keeps the README in step with this list).
 */
public enum Variable {
    ENV(Need.OPTIONAL, "development when DATABASE_URL is unset, else production", false,
            "`development` or `production`. An explicit `development` relaxes the production requirements for local work against an external database."),
    DEPLOYMENT(Need.PRODUCTION, "`development` in development mode", false,
            "Name of this deployment (a short identifier such as `acme`)."),
    DEPLOYMENT_KEY(Need.PRODUCTION, "", true,
            "The license of this deployment, issued by the vendor for DEPLOYMENT (`tributary license issue`): a signed token naming the customer, the expiry and the limits, checked offline at startup. A missing, malformed, altered, other deployment's or expired license stops a production server; the server warns 14 days before the expiry and never stops running syncs. Signing keys of admin tokens and download links are derived from it, so a new license signs those out."),
    LICENSE_PUBLIC_KEY(Need.OPTIONAL, "", false,
            "An extra public key trusted to sign licenses, besides the vendor's key built in: a P-256 public key in PEM, or the base64 between its `BEGIN`/`END` lines (`tributary license keygen` makes a key pair)."),
    SECRETS_KEY(Need.PRODUCTION, "generated once into `DATA_DIR/secrets.key` in development mode", true,
            "Key that encrypts connection credentials at rest: 32 random bytes in base64 (`openssl rand -base64 32`). To rotate, put the new key first and keep the old ones after it, comma-separated: new writes use the first, any listed key decrypts."),
    DATABASE_URL(Need.PRODUCTION, "embedded PostgreSQL under DATA_DIR", true,
            "Metadata database: `postgres://user:password@host:port/database` (or `postgresql://`); `sslmode` and other driver settings as query parameters."),
    POLYTOMIC_URL(Need.PRODUCTION, "`http://localhost:PORT` in development mode", false,
            "The URL users reach the server at (`https://tributary.example.com`); sign-in redirects and links are built from it."),
    GOOGLE_CLIENT_ID(Need.PRODUCTION, "", false,
            "OAuth client id for Google sign-in."),
    GOOGLE_CLIENT_SECRET(Need.PRODUCTION, "", true,
            "OAuth client secret for Google sign-in."),
    OIDC_ISSUER(Need.OPTIONAL, "`https://accounts.google.com`", false,
            "OpenID Connect issuer for sign-in; its discovery document names the endpoints. Set it to use another provider (Okta, Keycloak, Entra ID) with GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET holding that provider's client."),
    ROOT_USER(Need.PRODUCTION, "`admin@localhost` in development mode", false,
            "Email of the first user, an admin of the first workspace."),
    REDIS_URL(Need.OPTIONAL, "", true,
            "Redis as a shared cache (connection catalogs): `redis://:password@host:6379/` (`rediss://` for TLS); keys start with `tributary:DEPLOYMENT:`. Optional: unset or unreachable, nothing is cached and the server works on PostgreSQL alone; an outage is logged once and shown as `degraded` in the admin health, and caching resumes by itself."),
    CACHE_URL(Need.OPTIONAL, "", true,
            "Deprecated name of REDIS_URL, read only when REDIS_URL is unset."),
    PORT(Need.OPTIONAL, "5100", false,
            "HTTP port of the API, UI and `/status.txt`."),
    DATA_DIR(Need.OPTIONAL, "`./data`", false,
            "Development mode: where the embedded PostgreSQL and the file blob store keep their data."),
    EXECUTION_LOG_BUCKET(Need.OPTIONAL, "`file://DATA_DIR/execution-logs`", false,
            "S3 bucket for model sync record logs: a bucket name, or `s3://bucket/prefix?endpoint=http://host:port` for an S3-compatible store. Unset: files under `DATA_DIR/execution-logs`, read through links this server signs."),
    EXECUTION_LOG_REGION(Need.OPTIONAL, "", false,
            "AWS region of EXECUTION_LOG_BUCKET."),
    RECORD_LOG_DISABLED(Need.OPTIONAL, "false", false,
            "`true` turns record logs off for every workspace (workspaces can also turn them off with their `record_logging` setting)."),
    EXPORT_QUERY_BUCKET(Need.OPTIONAL, "`file://DATA_DIR/exports`", false,
            "S3 bucket for query exports: a bucket name, or `s3://bucket/prefix?endpoint=http://host:port` for an S3-compatible store (addressed path-style then). Credentials come from the AWS SDK default chain, as for JOB_PAYLOAD_PATH; downloads are presigned S3 URLs. Unset: exports are files under `DATA_DIR/exports`, downloaded through links this server signs (give every container the same volume, or set the bucket, when several serve the API)."),
    EXPORT_QUERY_REGION(Need.OPTIONAL, "", false,
            "AWS region of EXPORT_QUERY_BUCKET; unset, the AWS SDK default chain's (AWS_REGION, the profile)."),
    QUERY_TIMEOUT(Need.OPTIONAL, "300 (5 minutes)", false,
            "Seconds a SQL runner query (or an export's run of it) may take in the database before the database stops it."),
    QUERY_ROW_LIMIT(Need.OPTIONAL, "10000", false,
            "Rows of a SQL runner query's result kept to be read page by page; the rest is left out and the result says `truncated`. Exports are not capped."),
    QUERY_RUNNER_EXCLUDE(Need.OPTIONAL, "", false,
            "Comma-separated connection types (such as `mysql`) the SQL runner refuses to query."),
    QUERY_WORKERS(Need.OPTIONAL, "10", false,
            "SQL runner queries and exports a container runs at once; more wait their turn."),
    JOB_PAYLOAD_PATH(Need.OPTIONAL, "`file://DATA_DIR/payloads`", false,
            "Where job payloads are kept: `file:///path`, or `s3://bucket/prefix?region=REGION`, adding `&endpoint=http://host:port` for an S3-compatible store such as MinIO (addressed path-style then, unless `&path_style=false`). S3 credentials, and the region when not given, come from the AWS SDK default chain: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, a profile (`AWS_PROFILE`), or an IAM role. `azblob://` and `gcs://` are not supported in this build."),
    LOG_LEVEL(Need.OPTIONAL, "info", false,
            "`debug`, `info`, `warn` or `error`."),
    LOG_FORMAT(Need.OPTIONAL, "text", false,
            "`text` (one line per event) or `json` (one JSON object per line)."),
    LOG_FILE(Need.OPTIONAL, "", false,
            "A file the server also writes its log to, one JSON object per line with secrets masked, whatever LOG_FORMAT says; at 100 MB it is rolled over to `FILE.1` (five kept). The admin API reads it with `GET /api/admin/logs?source=file`, for history older than the lines kept in memory."),
    LONGSYNC_THRESHOLD(Need.OPTIONAL, "0 (off)", false,
            "Minutes after which a running sync is reported as long-running."),
    SMTP_HOST(Need.OPTIONAL, "", false,
            "SMTP server that sends email alerts (`smtp.example.com`). Unset: no email is sent (webhooks still are); the server says so once at startup."),
    SMTP_PORT(Need.OPTIONAL, "587", false,
            "Port of SMTP_HOST."),
    SMTP_USERNAME(Need.OPTIONAL, "", false,
            "User name for SMTP_HOST; unset: the server sends without signing in."),
    SMTP_PASSWORD(Need.OPTIONAL, "", true,
            "Password of SMTP_USERNAME."),
    SMTP_FROM(Need.OPTIONAL, "", false,
            "Sender address of email alerts (`tributary@example.com`); needed when SMTP_HOST is set."),
    SMTP_STARTTLS(Need.OPTIONAL, "true", false,
            "Require STARTTLS before sending. `false` only for a relay on a trusted network that has no TLS."),
    VALID_ORIGINS(Need.OPTIONAL, "POLYTOMIC_URL", false,
            "Comma-separated origins allowed to call the API from a browser; POLYTOMIC_URL is always allowed."),
    GA_MEASUREMENT_ID(Need.OPTIONAL, "", false,
            "Google Analytics measurement id (`G-XXXXXXX`): the browser UI then loads gtag.js from Google, with the signed-in user's email"
                    + " as its user id, and its Content-Security-Policy allows Google's analytics hosts. Unset, the UI loads and sends nothing to Google."),
    ROLE(Need.OPTIONAL, "web,worker,scheduler", false,
            "Comma-separated roles of this process: `web` (API and UI), `worker` (runs syncs), `scheduler` (enqueues due runs)."),
    AUTO_MIGRATE(Need.OPTIONAL, "true", false,
            "Apply database migrations on startup. When false, run `tributary migrate` before starting."),
    DATABASE_POOL_SIZE(Need.OPTIONAL, "15", false,
            "Maximum connections to the metadata database per process."),
    SYNC_BATCH_SIZE(Need.OPTIONAL, "10000", false,
            "Records per batch that syncs read and write; each committed batch is a checkpoint a run resumes from."),
    SYNC_WORKERS(Need.OPTIONAL, "10", false,
            "Runs a `worker` container takes at once; add containers to run more."),
    CONNECTIONS_ALLOW_LINK_LOCAL(Need.OPTIONAL, "false", false,
            "`true` lets connections reach hosts that resolve to link-local addresses (169.254.0.0/16, fe80::/10, fd00:ec2::254), where cloud instance metadata and credentials are served. Off, such hosts are refused; turn it on only for a database that really listens there. Webhooks are always refused there."),
    SENTRY_DSN(Need.OPTIONAL, "", true,
            "Sentry DSN for error reports (`https://key@host/project`): unexpected API errors and runs that fail unexpectedly are sent with the release, the environment and DEPLOYMENT, scrubbed of values, SQL, secrets, request bodies and query strings. Nothing is sent when unset."),
    OTEL_EXPORTER_OTLP_ENDPOINT(Need.OPTIONAL, "", false,
            "OpenTelemetry collector (or Datadog agent) that receives traces over OTLP HTTP/protobuf, such as `http://collector:4318`; spans go to its `/v1/traces`. Unset: no tracing at all."),
    METRICS_TOKEN(Need.OPTIONAL, "", true,
            "Bearer token that `GET /metrics` (Prometheus text format) requires: `Authorization: Bearer METRICS_TOKEN`. Unset: nobody can scrape `/metrics` (401)."),
    TELEMETRY_URL(Need.OPTIONAL, "", false,
            "Where a daily usage report is POSTed as JSON: counts only (syncs, runs, rows moved), the version and DEPLOYMENT; `tributary telemetry show` prints exactly what is sent. Unset: nothing is sent."),
    DEPLOYMENT_API_KEY(Need.OPTIONAL, "", true,
            "Key for the deployment-wide admin API (`Authorization: Bearer ...`).");

    /** When a variable must be set. */
    public enum Need { PRODUCTION, OPTIONAL }

    private final Need need;
    private final String defaultDescription;
    private final boolean secret;
    private final String description;

    Variable(Need need, String defaultDescription, boolean secret, String description) {
        this.need = need;
        this.defaultDescription = defaultDescription;
        this.secret = secret;
        this.description = description;
    }

    public Need need() {
        return need;
    }

    public String defaultDescription() {
        return defaultDescription;
    }

    /** Secret values are shown as {@code ****} everywhere: logs, {@code config check}, the admin API. */
    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }
}
