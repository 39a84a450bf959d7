package dev.tributary.server.connect.http;

import static dev.tributary.server.connect.http.HttpConnectorFactory.DELETE_RECORDS;
import static dev.tributary.server.connect.http.HttpConnectorFactory.HEADERS;
import static dev.tributary.server.connect.http.HttpConnectorFactory.IDENTITY_IN;
import static dev.tributary.server.connect.http.HttpConnectorFactory.SECRET_HEADERS;
import static dev.tributary.server.connect.http.HttpConnectorFactory.TIMEOUT_SECONDS;
import static dev.tributary.server.connect.http.HttpConnectorFactory.UPDATE_METHOD;
import static dev.tributary.server.connect.http.HttpConnectorFactory.URL;

import dev.tributary.server.connect.net.AddressGuard;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.IdentityMatch;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelObjectDetail;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Delivers records to an HTTP endpoint. It holds no objects of its own: each request names the object its records are for. */
final class HttpConnector implements Connector {

    private final ConnectorConfig config;
    private final HttpClient client;
    private final Sleeper sleeper;
    private final InstantSource clock;
    private final URI uri;
    private final List<Map.Entry<String, String>> headers;

    HttpConnector(ConnectorConfig config, HttpClient client, Sleeper sleeper, InstantSource clock) {
        this.config = config;
        this.client = client;
        this.sleeper = sleeper;
        this.clock = clock;
        this.uri = URI.create(config.requireString(URL));
        this.headers = new ArrayList<>(parseHeaders(HEADERS, config.string(HEADERS).orElse("")));
        this.headers.addAll(parseHeaders(SECRET_HEADERS, config.string(SECRET_HEADERS).orElse("")));
    }

    private static List<Map.Entry<String, String>> parseHeaders(String setting, String text) {
        List<Map.Entry<String, String>> parsed = new ArrayList<>();
        for (String line : text.split("\\r?\\n")) {
            if (!line.isBlank()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                try {
                    // The client refuses headers it sets itself (Host, Content-Length, Connection, ...).
                    HttpRequest.newBuilder().header(name, "x");
                } catch (IllegalArgumentException e) {
                    throw new ConnectorException(setting + " sets " + name + ", which the HTTP client sets itself; remove that line.");
                }
                parsed.add(Map.entry(name, line.substring(colon + 1).trim()));
            }
        }
        return parsed;
    }

    /** The configured headers on a request to the endpoint. */
    HttpRequest.Builder request() {
        return request(uri);
    }

    /** The configured headers on a request to the endpoint's url with {@code segment} appended to its path. */
    HttpRequest.Builder request(String segment) {
        String url = uri.toString();
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        return request(URI.create((path.endsWith("/") ? path : path + "/") + URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20")
                + (query < 0 ? "" : url.substring(query))));
    }

    private HttpRequest.Builder request(URI target) {
        AddressGuard.check(config, URL, uri.getHost());
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(config.integer(TIMEOUT_SECONDS)));
        headers.forEach(header -> builder.header(header.getKey(), header.getValue()));
        return builder;
    }

    /** Text of a response, with any secret header value blanked, for an error message. */
    String redact(String text) {
        String redacted = text;
        for (var header : parseHeaders(SECRET_HEADERS, config.string(SECRET_HEADERS).orElse(""))) {
            if (!header.getValue().isEmpty()) {
                redacted = redacted.replace(header.getValue(), "****");
            }
        }
        return redacted;
    }

    /** The URL without user info or query, which may hold credentials, for messages. */
    String endpoint() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + uri.getPath();
    }

    /** Sends a HEAD request: any answer but 401 or 403 shows the endpoint is there and takes these credentials. */
    @Override
    public TestResult test() {
        try {
            HttpResponse<Void> response = client.send(request().method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            return switch (response.statusCode()) {
                case 401, 403 -> new TestResult.Failed(Problem.WRONG_CREDENTIALS, endpoint() + " answered HTTP " + response.statusCode()
                        + "; check the credentials in secret_headers, such as the Authorization header.");
                default -> new TestResult.Passed(endpoint() + " answered HTTP " + response.statusCode());
            };
        } catch (ConnectorException e) {
            return new TestResult.Failed(Problem.OTHER, e.getMessage());
        } catch (ConnectException e) {
            return new TestResult.Failed(Problem.HOST_UNREACHABLE, "Cannot connect to " + endpoint() + "; check the url, and that a firewall lets this server through.");
        } catch (IOException e) {
            return new TestResult.Failed(Problem.HOST_UNREACHABLE, "No answer from " + endpoint() + " (" + e.getClass().getSimpleName()
                    + "); check the url and timeout_seconds.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestResult.Failed(Problem.OTHER, "The test of " + endpoint() + " was interrupted.");
        }
    }

    /** An endpoint lists nothing; the engine writes to the object names the sync gives it. */
    @Override
    public Catalog discover() {
        return new Catalog(List.of());
    }

    /** Nothing to create: records name their object, and the endpoint decides what to do with it. */
    @Override
    public void createObject(String object, List<Field> fields) {}

    /** Nothing to change: records carry whichever fields they have. */
    @Override
    public void addFields(String object, List<Field> fields) {}

    @Override
    public BatchWriter openAppend(String object, List<Field> fields) {
        AddressGuard.check(config, URL, uri.getHost());
        return new HttpBatchWriter(this, new RetryingSender(this, client, sleeper, clock, object), object);
    }

    /** The endpoint is the one object of model syncs, named by its path. */
    private ModelObject modelObject() {
        Set<ModelSyncMode> modes = EnumSet.of(ModelSyncMode.CREATE, ModelSyncMode.UPDATE, ModelSyncMode.UPDATE_OR_CREATE);
        if (config.bool(DELETE_RECORDS)) {
            modes.add(ModelSyncMode.REMOVE);
        }
        return new ModelObject(uri.getPath().isEmpty() ? "/" : uri.getPath(), modes);
    }

    @Override
    public List<ModelObject> modelTargets() {
        return List.of(modelObject());
    }

    /** The endpoint takes whatever fields a record carries, and matches any identity itself. */
    @Override
    public Optional<ModelObjectDetail> modelTarget(String object) {
        return Optional.of(modelObject()).filter(endpoint -> endpoint.name().equals(object))
                .map(endpoint -> new ModelObjectDetail(endpoint, List.of(), true));
    }

    @Override
    public ModelWriter openModelWrite(ModelTarget target) {
        ModelObject endpoint = modelObject();
        if (!endpoint.name().equals(target.object())) {
            throw new ConnectorException(target.object() + " is not an object of " + endpoint() + "; its one object is " + endpoint.name() + ".");
        }
        if (target.match() != IdentityMatch.EXACT) {
            throw new ConnectorException("The endpoint matches identities itself, so they cannot be matched case-insensitively; choose exact matching.");
        }
        AddressGuard.check(config, URL, uri.getHost());
        return new HttpModelWriter(this, new RetryingSender(this, client, sleeper, clock, target.object()), endpoint, target,
                config.requireString(IDENTITY_IN).equals("path"), config.requireString(UPDATE_METHOD));
    }

    long integer(String setting) {
        return config.integer(setting);
    }

    @Override
    public void close() {
        client.close();
    }
}
