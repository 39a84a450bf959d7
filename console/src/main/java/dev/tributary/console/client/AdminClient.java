package dev.tributary.console.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.admin.ExecutionHourResponse;
import dev.tributary.protocol.admin.HealthResponse;
import dev.tributary.protocol.admin.LogLineResponse;
import dev.tributary.protocol.admin.SettingResponse;
import dev.tributary.protocol.admin.WorkspaceProvisionRequest;
import dev.tributary.protocol.admin.WorkspaceResponse;
import dev.tributary.protocol.identity.AdminTokenResponse;
import dev.tributary.protocol.identity.ConsoleTokenRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server's admin API ({@code /api/admin/...}) over {@code java.net.http}, in the protocol's types. Every call
 * blocks: view models call it from background threads, never from the FX application thread.
 */
public final class AdminClient {

    /** Long enough for a long poll of the log (20 s) and a slow health check behind it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(75);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A newer server may add fields; the console shows what it knows.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final HttpClient http;
    private final URI server;
    private final Credentials credentials;

    public AdminClient(HttpClient http, URI server, Credentials credentials) {
        this.http = http;
        this.server = server;
        this.credentials = credentials;
    }

    public URI server() {
        return server;
    }

    public Credentials credentials() {
        return credentials;
    }

    public HealthResponse health() {
        return this.<DataResponse<HealthResponse>>get("/api/admin/health", new TypeReference<>() {}).data();
    }

    public List<SettingResponse> config() {
        return this.<ListResponse<SettingResponse>>get("/api/admin/config", new TypeReference<>() {}).data();
    }

    public List<WorkspaceResponse> workspaces() {
        return this.<ListResponse<WorkspaceResponse>>get("/api/admin/workspaces", new TypeReference<>() {}).data();
    }

    public WorkspaceResponse provision(WorkspaceProvisionRequest request) {
        return this.<DataResponse<WorkspaceResponse>>send("POST", "/api/admin/workspaces", request, bearer(), new TypeReference<>() {}).data();
    }

    public List<ExecutionHourResponse> executionsPerHour(int hours) {
        return this.<ListResponse<ExecutionHourResponse>>get("/api/admin/executions/hourly?hours=" + hours, new TypeReference<>() {}).data();
    }

    /** Log lines after {@code cursor}; with {@code waitSeconds} above 0, waits that long for a line to arrive. */
    public LogPage logs(long cursor, int limit, int waitSeconds, Map<String, String> filters) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("page_token", Long.toString(cursor));
        query.put("limit", Integer.toString(limit));
        query.put("wait", Integer.toString(waitSeconds));
        ListResponse<LogLineResponse> page = get("/api/admin/logs?" + encode(query), new TypeReference<>() {});
        String next = page.pagination().nextPageToken();
        return new LogPage(page.data(), next == null ? cursor : Long.parseLong(next));
    }

    /** The browser sign-in's last step: the one-time code and the PKCE verifier traded for an admin token. */
    public static AdminTokenResponse consoleToken(HttpClient http, URI server, ConsoleTokenRequest request) {
        return new AdminClient(http, server, new Credentials.Direct(""))
                .<DataResponse<AdminTokenResponse>>send("POST", "/api/admin/tokens/console", request, null, new TypeReference<>() {}).data();
    }

    private AdminTokenResponse exchange(String apiKey) {
        return this.<DataResponse<AdminTokenResponse>>send("POST", "/api/admin/tokens", Map.of(), apiKey, new TypeReference<>() {}).data();
    }

    private String bearer() {
        return credentials.bearer(this::exchange);
    }

    private <T> T get(String path, TypeReference<T> type) {
        return send("GET", path, null, bearer(), type);
    }

    private <T> T send(String method, String path, Object body, String bearer, TypeReference<T> type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(problem(response));
            }
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(Connections.explain(server, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + server.getHost(), e);
        }
    }

    /** The server explains refusals as problem+json; its detail (and any field errors) is what the operator reads. */
    private static String problem(HttpResponse<byte[]> response) {
        try {
            JsonNode problem = JSON.readTree(response.body());
            StringBuilder text = new StringBuilder(problem.path("detail").asText(problem.path("title").asText("HTTP " + response.statusCode())));
            problem.path("errors").forEach(error -> text.append(' ').append(error.path("field").asText()).append(' ')
                    .append(error.path("message").asText()));
            return text.toString();
        } catch (IOException e) {
            return "HTTP " + response.statusCode() + " from the server, which did not say why.";
        }
    }

    private static String encode(Map<String, String> query) {
        return query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
