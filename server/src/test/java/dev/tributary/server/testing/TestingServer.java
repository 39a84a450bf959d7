package dev.tributary.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.Tributary;
import dev.tributary.server.config.Config;
import dev.tributary.server.config.ConfigLoader;
import dev.tributary.server.ops.Logging;
import dev.tributary.server.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A whole Tributary server in this JVM, on a fresh database of the local PostgreSQL, spoken to over real HTTP. */
public final class TestingServer implements AutoCloseable {

    public static final String DEPLOYMENT_API_KEY = "deployment-api-key-for-tests-0123456789";

    private final TestingPostgres postgres = new TestingPostgres();
    private final Tributary server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String publicUrl;
    private final Path dataDir;

    public TestingServer(Map<String, String> extraEnv) {
        this(extraEnv, Clock.systemUTC());
    }

    /** A server on the given clock, which tests move by hand to pass schedules and timeouts without waiting. */
    public TestingServer(Map<String, String> extraEnv, Clock clock) {
        int port = FreePort.find();
        try {
            dataDir = Files.createTempDirectory("tributary-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(Map.of(
                "DATA_DIR", dataDir.toString(),
                "ENV", "development",
                "DATABASE_URL", postgres.url(),
                "PORT", Integer.toString(port),
                "DEPLOYMENT_API_KEY", DEPLOYMENT_API_KEY));
        env.putAll(extraEnv);
        this.base = "http://127.0.0.1:" + port;
        Config config = ConfigLoader.load(env);
        this.publicUrl = config.polytomicUrl().toString();
        // As `tributary serve` does: the log output and the admin API's log lines are scrubbed of this configuration's secrets.
        Logging.configure(config.logLevel(), config.logFormat(), config.secretValues(), config.logFile());
        this.server = Tributary.start(config, clock);
    }

    public Tributary server() {
        return server;
    }

    public TestingPostgres postgres() {
        return postgres;
    }

    /** DATA_DIR of the server: a temporary directory, removed on close. */
    public Path dataDir() {
        return dataDir;
    }

    /** The id of ROOT_USER (admin@localhost), made the first workspace's admin when the server started. */
    public String operatorId() {
        try (java.sql.Connection connection = postgres.connect();
             java.sql.ResultSet row = connection.createStatement().executeQuery("SELECT id FROM users WHERE email = 'admin@localhost'")) {
            if (!row.next()) {
                throw new IllegalStateException("ROOT_USER was not created");
            }
            return row.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return base;
    }

    /** POLYTOMIC_URL: the address a browser uses, which sign-in redirects back to (http://localhost:PORT in development). */
    public String publicUrl() {
        return publicUrl;
    }

    /** Development mode's one-time sign-in link for ROOT_USER, read from the server's log as an operator would. */
    public String localSignInLink() {
        String prefix = publicUrl + "/auth/local?token=";
        HttpResponse<String> logs = call("GET", "/api/admin/logs?limit=1000&q=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8),
                DEPLOYMENT_API_KEY, null);
        Matcher link = Pattern.compile(Pattern.quote(prefix) + "[A-Za-z0-9_-]+").matcher(logs.body());
        if (!link.find()) {
            throw new IllegalStateException("no one-time sign-in link in the log: " + logs.body());
        }
        return link.group();
    }

    public HttpClient client() {
        return client;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request with {@code Authorization: Bearer token} (no token: anonymous) and an optional JSON body. */
    public HttpResponse<String> call(String method, String path, String bearer, String jsonBody) {
        HttpRequest.Builder builder = request(path).method(method,
                jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
        postgres.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
