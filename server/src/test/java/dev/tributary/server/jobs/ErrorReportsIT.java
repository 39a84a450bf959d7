package dev.tributary.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.http.Json;
import dev.tributary.server.testing.TestingReceiver;
import dev.tributary.server.testing.TestingServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run that fails unexpectedly is reported to Sentry (here a local receiver as the DSN's host), without its data. */
class ErrorReportsIT {

    private static final String SECRET = "canarysecretvalue";
    private static final String RECORD = "canaryrecordvalue";

    private final TestingReceiver sentry = new TestingReceiver();
    private final TestingServer server = new TestingServer(Map.of("ROLE", "web", "DEPLOYMENT", "acme-test",
            "SENTRY_DSN", "http://publickey@127.0.0.1:" + sentry.port() + "/1", "METRICS_TOKEN", SECRET));
    private final TestingKind kind = new TestingKind();
    private final JobEngine engine = new JobEngine(server.server().store(), kind, Duration.ZERO, Clock.systemUTC());

    @AfterEach
    void stop() {
        engine.close();
        server.close();
        sentry.close();
    }

    @Test
    void aRunThatFailsUnexpectedlyIsReportedWithReleaseEnvironmentAndDeploymentButNoValueOrSecret() throws Exception {
        engine.register(kind);
        kind.behaviour = (job, lease) -> {
            throw new IllegalStateException("could not write row ('" + RECORD + "') with password " + SECRET);
        };
        UUID sync = UUID.randomUUID();
        UUID execution = server.server().store().inTransaction(session -> {
            UUID created = kind.newExecution(session, sync, Clock.systemUTC().instant());
            engine.enqueue(session, kind, organization(), sync, created);
            return created;
        });

        engine.run(engine.claim().orElseThrow());

        await().atMost(Duration.ofSeconds(30)).until(() -> event().isPresent());
        String envelope = sentry.received().stream().map(TestingReceiver.Received::text).filter(text -> text.contains("\"exception\""))
                .findFirst().orElseThrow();
        JsonNode event = event().orElseThrow();
        assertThat(event.get("release").asText()).startsWith("tributary@");
        assertThat(event.get("environment").asText()).isEqualTo("development");
        assertThat(event.at("/tags/deployment").asText()).isEqualTo("acme-test");
        assertThat(event.at("/tags/execution_id").asText()).isEqualTo(execution.toString());
        assertThat(event.at("/tags/sync_id").asText()).isEqualTo(sync.toString());
        assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("IllegalStateException");
        assertThat(event.at("/exception/values/0/stacktrace/frames").toString()).contains("ErrorReportsIT");
        assertThat(event.at("/message/message").asText()).isEqualTo("Run of {} {} (execution {}) failed unexpectedly");
        assertThat(envelope).doesNotContain(RECORD, SECRET);
        assertThat(kind.statuses.get(execution)).isEqualTo("failed");
    }

    /** The event item of the envelopes received so far: an envelope is a header line, then item header and payload lines. */
    private Optional<JsonNode> event() throws IOException {
        for (TestingReceiver.Received received : sentry.received()) {
            List<String> lines = received.text().lines().toList();
            for (int i = 1; i + 1 < lines.size(); i++) {
                if (Json.mapper().readTree(lines.get(i)).path("type").asText().equals("event")) {
                    return Optional.of(Json.mapper().readTree(lines.get(i + 1)));
                }
            }
        }
        return Optional.empty();
    }

    private UUID organization() {
        try (Connection connection = server.postgres().connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT id FROM organizations")) {
            row.next();
            return UUID.fromString(row.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
