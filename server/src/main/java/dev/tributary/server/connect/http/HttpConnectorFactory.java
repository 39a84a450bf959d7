package dev.tributary.server.connect.http;

import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.ConfigField;
import dev.tributary.server.connect.spi.ConfigSpec;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * An HTTP endpoint as a destination: records are POSTed as JSON, {@code {"object": name, "records": [...]}}, with an
 * {@code Idempotency-Key} header. An endpoint that refuses some records answers
 * {@code {"errors": [{"index": 0, "field": "email", "message": "..."}]}}, indexes counting from 0 in the request.
 * Model syncs send one request per record instead (see {@link HttpModelWriter}).
 */
public final class HttpConnectorFactory implements ConnectorFactory {

    static final String URL = "url";
    static final String HEADERS = "headers";
    static final String SECRET_HEADERS = "secret_headers";
    static final String BATCH_SIZE = "batch_size";
    static final String RATE_LIMIT = "rate_limit";
    static final String MAX_RETRIES = "max_retries";
    static final String TIMEOUT_SECONDS = "timeout_seconds";
    static final String IDENTITY_IN = "identity_in";
    static final String UPDATE_METHOD = "update_method";
    static final String DELETE_RECORDS = "delete_records";

    private static final String HEADER_LINES = "(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+:[^\\r\\n]*(?:\\r?\\n)*)+";
    private static final String HEADER_HINT = "one header per line, written Name: value";

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string(URL, "The endpoint records are POSTed to.").asRequired()
                    .matching("https?://[^\\s/?#]+[^\\s]*", "an http or https URL such as https://api.example.com/records"),
            ConfigField.string(HEADERS, "Headers sent with every request, one Name: value per line.").matching(HEADER_LINES, HEADER_HINT),
            ConfigField.string(SECRET_HEADERS, "Headers holding credentials, such as Authorization: Bearer <token>; stored encrypted and never shown.")
                    .asSensitive().matching(HEADER_LINES, HEADER_HINT),
            ConfigField.integer(BATCH_SIZE, "The most records in one request.", 1, 10_000).withDefault(100L),
            ConfigField.integer(RATE_LIMIT, "The most requests per second; 0 sends as fast as the endpoint answers.", 0, 10_000).withDefault(0L),
            ConfigField.integer(MAX_RETRIES, "How often a request answered 429 or 5xx, or not answered, is tried again, waiting longer each time.", 0, 20)
                    .withDefault(5L),
            ConfigField.integer(TIMEOUT_SECONDS, "How long to wait for a connection and for each answer.", 1, 600).withDefault(30L),
            ConfigField.oneOf(IDENTITY_IN, "Model syncs: where a record's identity goes in requests that update or delete it:"
                    + " path (appended to the url, /records/42) or body (a field of the JSON body).", List.of("body", "path")).withDefault("body"),
            ConfigField.oneOf(UPDATE_METHOD, "Model syncs: the method of requests that update a record.", List.of("PATCH", "PUT")).withDefault("PATCH"),
            ConfigField.bool(DELETE_RECORDS, "Model syncs: whether remove syncs may send DELETE requests for records.").withDefault(false));

    @Override
    public String id() {
        return "http";
    }

    @Override
    public String displayName() {
        return "HTTP endpoint";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.DESTINATION, Capability.MODEL_SYNC);
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        return new HttpConnector(config, client(config), Sleeper.THREAD, InstantSource.system());
    }

    static HttpClient client(ConnectorConfig config) {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(config.integer(TIMEOUT_SECONDS)))
                // A redirect could lead past the address check to a metadata address.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
