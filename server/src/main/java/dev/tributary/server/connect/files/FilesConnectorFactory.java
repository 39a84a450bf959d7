package dev.tributary.server.connect.files;

import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.ConfigError;
import dev.tributary.server.connect.spi.ConfigField;
import dev.tributary.server.connect.spi.ConfigSpec;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorFactory;
import dev.tributary.server.connect.spi.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** CSV and JSON Lines files in a local directory or an S3 bucket (or an S3-compatible store), as a source and a destination. */
public final class FilesConnectorFactory implements ConnectorFactory {

    static final String KIND = "kind";
    static final String PATH = "path";
    static final String BUCKET = "bucket";
    static final String PREFIX = "prefix";
    static final String REGION = "region";
    static final String ENDPOINT = "endpoint";
    static final String PATH_STYLE = "path_style";
    static final String ACCESS_KEY_ID = "access_key_id";
    static final String SECRET_ACCESS_KEY = "secret_access_key";
    static final String FORMAT = "format";
    static final String INFERENCE_ROWS = "inference_rows";

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.oneOf(KIND, "Where the files are: local (a directory of the server) or s3 (a bucket of S3 or an S3-compatible store).",
                    List.of("local", "s3")).withDefault("local"),
            ConfigField.string(PATH, "The directory, for kind local, such as /data/exports."),
            ConfigField.string(BUCKET, "The bucket, for kind s3.")
                    .matching("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", "a bucket name of 3 to 63 lower-case letters, digits, dots and hyphens"),
            ConfigField.string(PREFIX, "The folder in the bucket, such as exports/; empty for the whole bucket.")
                    .matching("[^/].*/|", "a folder such as exports/ or exports/daily/, ending with / and not starting with /"),
            ConfigField.string(REGION, "The bucket's region, such as eu-west-1.").withDefault("us-east-1"),
            ConfigField.string(ENDPOINT, "The URL of an S3-compatible store, such as https://minio.example.com:9000; empty for AWS S3.")
                    .matching("https?://[^\\s/?#]+/?", "an http or https URL with a host and an optional port, such as https://minio.example.com:9000"),
            ConfigField.bool(PATH_STYLE, "Address the bucket in the path (host/bucket/key) rather than the host name; most S3-compatible stores need it.")
                    .withDefault(false),
            ConfigField.string(ACCESS_KEY_ID, "The access key id; empty to use the server's own AWS credentials (environment, profile, IAM role)."),
            ConfigField.string(SECRET_ACCESS_KEY, "The secret access key of the access key id.").asSensitive(),
            ConfigField.oneOf(FORMAT, "The format of the files written: csv, jsonl (JSON Lines) or parquet (ZSTD-compressed)."
                    + " Files read are told by their extension.", List.of("csv", "jsonl", "parquet")).withDefault("csv"),
            ConfigField.integer(INFERENCE_ROWS, "How many records of files without a schema are read to guess each field's type.", 1, 1_000_000)
                    .withDefault(1000L));

    @Override
    public String id() {
        return "files";
    }

    @Override
    public String displayName() {
        return "Files (local directory or S3)";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.SOURCE, Capability.DESTINATION, Capability.MODEL_SYNC);
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        boolean local = config.requireString(KIND).equals("local");
        if (local && config.string(PATH).isEmpty()) {
            errors.add(new ConfigError(PATH, "is required when kind is local; give the directory, such as /data/exports."));
        }
        if (!local && config.string(BUCKET).isEmpty()) {
            errors.add(new ConfigError(BUCKET, "is required when kind is s3; give the bucket name."));
        }
        if (config.string(ACCESS_KEY_ID).isPresent() != config.string(SECRET_ACCESS_KEY).isPresent()) {
            errors.add(new ConfigError(config.string(ACCESS_KEY_ID).isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID,
                    "is required with the other half of the access key; give both, or neither to use the server's own credentials."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(errors);
        }
        Storage storage = local ? new LocalStorage(Path.of(config.requireString(PATH))) : S3Storage.create(config);
        FileFormat format = FileFormat.valueOf(config.requireString(FORMAT).toUpperCase(Locale.ROOT));
        return new FilesConnector(storage, format, (int) config.integer(INFERENCE_ROWS));
    }
}
