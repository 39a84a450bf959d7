package dev.tributary.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tributary.server.connect.http.TestingHttpEndpoint;
import dev.tributary.server.testing.FreePort;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingSyncs;
import dev.tributary.server.testing.TwoOrganizations;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real bulk sync's life reaching people: its status changes become events, signed webhook calls and, when it runs too
 * long or fails, emails through a real SMTP server.
 */
class RunAlertsIT {

    private static final String SECRET = "webhook-secret-0123456789";

    private final int smtpPort = FreePort.find();
    private final GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final TestingServer server;
    private final TestingPostgres source = new TestingPostgres();
    private final TestingPostgres destination = new TestingPostgres();
    private final TestingHttpEndpoint receiver;

    RunAlertsIT() throws Exception {
        smtp.start();
        server = new TestingServer(Map.of("ROLE", "web,worker", "SYNC_BATCH_SIZE", "500", "LONGSYNC_THRESHOLD", "10",
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtpPort), "SMTP_FROM", "tributary@example.com", "SMTP_STARTTLS", "false"),
                clock);
        receiver = new TestingHttpEndpoint();
    }

    @AfterEach
    void stop() {
        receiver.close();
        server.close();
        source.close();
        destination.close();
        smtp.stop();
    }

    @Test
    void aLongRunThatFailsIsReportedByEventsSignedWebhooksAndEmails() throws Exception {
        String key = TwoOrganizations.create(server).adminA().apiKey();
        call(key, "PUT", "/api/notifications/global-error-subscribers", "{\"emails\": [\"ops@example.com\"]}", 200);
        call(key, "POST", "/api/webhooks", "{\"endpoint\": \"" + receiver.url() + "\", \"secret\": \"" + SECRET + "\"}", 201);
        source.execute("CREATE TABLE items (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO items SELECT i, timestamptz '2026-01-01' + i * interval '1 second' FROM generate_series(1, 3000) i");
        destination.execute("CREATE TABLE items (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
        // The run waits at id 1200 while the test holds a lock, then fails for good at id 2500.
        destination.execute("CREATE FUNCTION gate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.id = 1200 THEN PERFORM pg_advisory_lock(42); PERFORM pg_advisory_unlock(42); END IF;"
                + " IF NEW.id = 2500 THEN RAISE EXCEPTION 'permission denied for table items (simulated)'; END IF; RETURN NEW; END $$");
        destination.execute("CREATE TRIGGER gate BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION gate()");
        TestingSyncs syncs = new TestingSyncs(server, key);
        String sync = syncs.create("Alerted", source, destination, "items", "updated_at", "{\"frequency\": \"manual\"}");

        String execution;
        try (Connection lock = destination.connect()) {
            lock.createStatement().execute("SELECT pg_advisory_lock(42)");
            execution = syncs.start(sync);
            await().atMost(Duration.ofMinutes(1)).until(() -> syncs.execution(sync, execution).get("records_written").asLong() == 1000);

            clock.advance(Duration.ofMinutes(11));
            server.server().jobs().heartbeatNow();
            server.server().jobs().tick();
            assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();
            assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Tributary: bulk sync 'Alerted' has been running for 11 min");
            lock.createStatement().execute("SELECT pg_advisory_unlock(42)");
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> syncs.execution(sync, execution).get("status").asText().equals("failed"));

        assertThat(smtp.waitForIncomingEmail(20_000, 2)).isTrue();
        MimeMessage failed = smtp.getReceivedMessages()[1];
        assertThat(failed.getSubject()).isEqualTo("Tributary: bulk sync 'Alerted' failed");
        assertThat(failed.getContent().toString()).contains("permission denied for table items (simulated)", execution);

        JsonNode events = TestingServer.json(call(key, "GET", "/api/events?type=bulk_sync.failed", null, 200)).get("data");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at("/data/execution_id").asText()).isEqualTo(execution);
        assertThat(events.get(0).at("/data/error").asText()).contains("permission denied");

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= 2);
        List<String> types = receiver.received().stream().map(call -> call.body().get("type").asText()).toList();
        assertThat(types).containsExactly("bulk_sync.running", "bulk_sync.failed");
        for (TestingHttpEndpoint.Received delivery : receiver.received()) {
            assertThat(WebhookSignature.verify(SECRET, delivery.headers().getFirst(WebhookSignature.HEADER), delivery.text(), clock.instant(),
                    Duration.ofHours(1))).as("signed with the webhook's secret").isTrue();
            assertThat(WebhookSignature.verify("another-secret-0123456789", delivery.headers().getFirst(WebhookSignature.HEADER),
                    delivery.text(), clock.instant(), Duration.ofHours(1))).isFalse();
        }
        assertThat(Arrays.stream(smtp.getReceivedMessages()).count()).as("no email for the running event").isEqualTo(2);
    }

    private HttpResponse<String> call(String key, String method, String path, String body, int expected) {
        HttpResponse<String> response = server.call(method, path, key, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response;
    }
}
