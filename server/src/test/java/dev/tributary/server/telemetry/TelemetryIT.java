package dev.tributary.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.cli.TributaryCommand;
import dev.tributary.server.http.Json;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingReceiver;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingSyncs;
import dev.tributary.server.testing.TestingOrganization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The usage report reaches TELEMETRY_URL, holds counts only, and `tributary telemetry show` prints the same report. */
class TelemetryIT {

    private static final List<String> FIELDS = List.of("deployment", "version", "at", "syncs", "bulk_syncs", "runs_last_day",
            "rows_moved_last_day");

    private final TestingReceiver receiver = new TestingReceiver();
    private final TestingServer server = new TestingServer(Map.of("ROLE", "web,worker,scheduler", "DEPLOYMENT", "acme-test",
            "TELEMETRY_URL", receiver.url() + "/usage"));
    private final TestingPostgres source = new TestingPostgres();
    private final TestingPostgres destination = new TestingPostgres();

    @AfterEach
    void stop() {
        server.close();
        source.close();
        destination.close();
        receiver.close();
    }

    @Test
    void theReportSentAtStartupAndTheOneShownHoldOnlyCountsTheVersionAndTheDeployment() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());
        TestingReceiver.Received sent = receiver.received().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/usage");
        JsonNode report = Json.mapper().readTree(sent.body());
        assertThat(report.properties()).extracting(Map.Entry::getKey).containsExactlyElementsOf(FIELDS);
        assertThat(report.get("deployment").asText()).isEqualTo("acme-test");
        assertThat(report.get("bulk_syncs").asLong()).isZero();

        TestingSyncs syncs = new TestingSyncs(server, TestingOrganization.create(server).adminKey());
        source.execute("CREATE TABLE items (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO items SELECT i, timestamptz '2026-01-01' + i * interval '1 second' FROM generate_series(1, 3) i");
        String sync = syncs.create("Items", source, destination, "items", "updated_at", "{\"frequency\": \"manual\"}");
        syncs.runToEnd("/api/bulk/syncs/" + sync, "{}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = TributaryCommand.execute(Map.of("ENV", "development", "DATABASE_URL", server.postgres().url(), "DEPLOYMENT", "acme-test",
                "DATA_DIR", server.dataDir().toString()), new PrintWriter(out, true), new PrintWriter(err, true), "telemetry", "show");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode shown = Json.mapper().readTree(out.toString());
        assertThat(shown.properties()).extracting(Map.Entry::getKey).containsExactlyElementsOf(FIELDS);
        assertThat(shown.get("bulk_syncs").asLong()).isEqualTo(1);
        assertThat(shown.get("runs_last_day").asLong()).isEqualTo(1);
        assertThat(shown.get("rows_moved_last_day").asLong()).isEqualTo(3);
        assertThat(out.toString()).doesNotContain("Items", "items", sync);
        assertThat(err.toString()).contains("TELEMETRY_URL is not set: nothing is sent.");
    }
}
