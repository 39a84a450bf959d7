package dev.tributary.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingReceiver;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingSyncs;
import dev.tributary.server.testing.TestingOrganization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Metrics scraped at /metrics, traces sent to a local OTLP receiver, and request ids, after a request and a bulk sync run. */
class ObservabilityIT {

    private static final String TOKEN = "metrics-token-for-tests";

    private final TestingReceiver collector = new TestingReceiver();
    private final TestingServer server = new TestingServer(Map.of("ROLE", "web,worker", "METRICS_TOKEN", TOKEN,
            "OTEL_EXPORTER_OTLP_ENDPOINT", collector.url()));
    private final TestingOrganization organization = TestingOrganization.create(server);
    private final TestingPostgres source = new TestingPostgres();
    private final TestingPostgres destination = new TestingPostgres();
    private final TestingSyncs syncs = new TestingSyncs(server, organization.adminKey());

    @AfterEach
    void stop() {
        server.close();
        source.close();
        destination.close();
        collector.close();
    }

    @Test
    void metricsCountRequestsByRouteAndRunsByKindAndStatusWithTheRowsTheyMoved() {
        assertThat(server.call("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(server.call("GET", "/metrics", "wrong-token", null).statusCode()).isEqualTo(401);
        assertThat(server.call("GET", "/api/me", organization.adminKey(), null).statusCode()).isEqualTo(200);
        String sync = bulkSyncOfThreeRows();

        syncs.runToEnd("/api/bulk/syncs/" + sync, "{}");

        await().atMost(Duration.ofSeconds(30)).until(() -> value(scrape(), "tributary_sync_rows_total", "kind=\"bulk_sync\"") == 3.0);
        String metrics = scrape();
        assertThat(value(metrics, "tributary_http_requests_seconds_count", "method=\"GET\",route=\"/api/me\",status=\"200\"")).isEqualTo(1.0);
        assertThat(value(metrics, "tributary_sync_runs_seconds_count", "kind=\"bulk_sync\",status=\"completed\"")).isEqualTo(1.0);
        assertThat(value(metrics, "tributary_jobs_due", "")).isEqualTo(0.0);
        assertThat(metrics).contains("jvm_memory_used_bytes", "jvm_threads_live_threads");
        assertThat(metrics).doesNotContain(sync);
    }

    @Test
    void spansOfAnApiRequestAndABulkSyncRunReachTheOtlpEndpoint() {
        String sync = bulkSyncOfThreeRows();

        syncs.runToEnd("/api/bulk/syncs/" + sync, "{}");

        await().atMost(Duration.ofSeconds(30)).until(() -> traces().contains("bulk_sync run")
                && traces().contains("POST /api/bulk/syncs/{sync}/executions"));
        assertThat(traces()).contains("tributary.sync_id", sync, "tributary.status", "completed", "service.name", "tributary",
                "tributary.connector", "postgresql.");
        assertThat(collector.received()).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/v1/traces");
            assertThat(request.contentType()).isEqualTo("application/x-protobuf");
        });
    }

    @Test
    void everyResponseCarriesItsRequestIdAndAPlainIdFromTheCallerIsKept() {
        HttpResponse<String> given = server.send(server.request("/status.txt").header("X-Request-Id", "lb-1234.abc").build());
        HttpResponse<String> made = server.send(server.request("/status.txt").header("X-Request-Id", "not\u00e9 plain").build());

        assertThat(given.headers().firstValue("X-Request-Id")).contains("lb-1234.abc");
        assertThat(made.headers().firstValue("X-Request-Id")).get().asString().matches("[0-9a-f-]{36}");
    }

    @Test
    void everyLineLoggedDuringARequestCarriesItsIdAndEveryLineOfARunItsExecution() throws Exception {
        PrintStream standardError = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String sync = bulkSyncOfThreeRows();
        String execution;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> created = server.send(server.request("/api/organizations").header("X-Request-Id", "req-canary-42")
                    .header("Authorization", "Bearer " + TestingServer.DEPLOYMENT_API_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Logged\"}")).build());
            assertThat(created.statusCode()).isEqualTo(201);
            execution = syncs.runToEnd("/api/bulk/syncs/" + sync, "{}").get("id").asText();
        } finally {
            System.setErr(standardError);
        }

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("organization.create")).singleElement().asString()
                .contains("request_id=req-canary-42");
        assertThat(lines).filteredOn(line -> line.contains("Execution " + execution)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line).contains("execution_id=" + execution, "sync_id=" + sync));
    }

    private String bulkSyncOfThreeRows() {
        source.execute("CREATE TABLE items (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO items SELECT i, timestamptz '2026-01-01' + i * interval '1 second' FROM generate_series(1, 3) i");
        return syncs.create("Items", source, destination, "items", "updated_at", "{\"frequency\": \"manual\"}");
    }

    private String scrape() {
        HttpResponse<String> response = server.call("GET", "/metrics", TOKEN, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String traces() {
        StringBuilder text = new StringBuilder();
        collector.received().forEach(request -> text.append(new String(request.body(), StandardCharsets.ISO_8859_1)));
        return text.toString();
    }

    /** The value of a sample whose labels are exactly {@code labels} (empty: none); NaN when there is none. */
    private static double value(String metrics, String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name + (labels.isEmpty() ? "" : "{" + labels + "}")) + " (\\S+)$")
                .matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : Double.NaN;
    }
}
