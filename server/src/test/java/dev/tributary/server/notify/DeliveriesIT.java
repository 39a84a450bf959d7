package dev.tributary.server.notify;

import static dev.tributary.server.notify.TestingNotifications.deliveries;
import static dev.tributary.server.notify.TestingNotifications.failedRun;
import static dev.tributary.server.notify.TestingNotifications.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.connect.http.TestingHttpEndpoint;
import dev.tributary.server.connect.http.TestingHttpEndpoint.Received;
import dev.tributary.server.connect.http.TestingHttpEndpoint.Reply;
import dev.tributary.server.secrets.TestingSecrets;
import dev.tributary.server.testing.FreePort;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingOrganization;
import dev.tributary.server.testing.TestingServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhook deliveries to a real HTTP receiver: signed bodies, retries with backoff on the test's clock, one send per row. */
class DeliveriesIT {

    private static final String SECRET = "whsec-deliveries-test-0123456789";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private static TestingServer server;
    private final TestingOrganization org = TestingOrganization.create(server);
    private final TestingHttpEndpoint receiver = receiver();

    /** The web role only: no delivery loop runs behind the test's back; the test calls deliverDue() itself. */
    @BeforeAll
    static void start() {
        server = new TestingServer(Map.of("ROLE", "web"), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void cleanUp() {
        receiver.close();
        org.close();
    }

    @Test
    void aDeliveryIsASignedJsonPostOfTheEvent() {
        webhook(receiver.url(), SECRET);
        record(server, org.id(), "bulk_sync.failed", failedRun("Orders", "disk full"));

        int attempts = deliverDue();

        assertThat(attempts).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
        Received request = receiver.received().getFirst();
        JsonNode listed = TestingServer.json(server.call("GET", "/api/events", org.adminKey(), null)).at("/data/0");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.headers().getFirst("Tributary-Event-Id")).isEqualTo(listed.at("/id").asText());
        assertThat(request.body().at("/id").asText()).isEqualTo(listed.at("/id").asText());
        assertThat(request.body().at("/type").asText()).isEqualTo("bulk_sync.failed");
        assertThat(request.body().at("/organization_id").asText()).isEqualTo(org.id().toString());
        assertThat(request.body().at("/created_at").asText()).isEqualTo(listed.at("/created_at").asText());
        assertThat(request.body().at("/data")).isEqualTo(listed.at("/data"));
        assertThat(request.body().at("/data/error").asText()).isEqualTo("disk full");
        String signature = request.headers().getFirst(WebhookSignature.HEADER);
        assertThat(WebhookSignature.verify(SECRET, signature, request.text(), CLOCK.instant(), TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify("whsec-someone-else-0000000", signature, request.text(), CLOCK.instant(), TOLERANCE)).isFalse();
        assertThat(deliveries(server, org.id())).singleElement().satisfies(row -> {
            assertThat(row.get("state")).isEqualTo("delivered");
            assertThat(row.get("attempts")).isEqualTo(1);
        });
    }

    @Test
    void aReceiverThatFailsTwiceGetsThreeAttemptsEachWaitingLonger() {
        webhook(receiver.url(), SECRET);
        receiver.reply(Reply.of(500, "down for maintenance"), Reply.of(503, ""));
        record(server, org.id(), "sync.failed", Map.of("name", "CRM"));
        List<Duration> waits = new ArrayList<>();

        assertThat(deliverDue()).isEqualTo(1);
        waits.add(waitAfterLastAttempt());
        assertThat(row().get("last_error").toString()).contains("HTTP 500", "down for maintenance").doesNotContain(SECRET);
        CLOCK.advance(waits.getLast().minusSeconds(1));
        assertThat(deliverDue()).as("not due yet").isZero();
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(deliverDue()).isEqualTo(1);
        waits.add(waitAfterLastAttempt());
        assertThat(row().get("last_error").toString()).contains("HTTP 503");
        CLOCK.advance(waits.getLast());
        assertThat(deliverDue()).isEqualTo(1);
        CLOCK.advance(Duration.ofHours(1));

        assertThat(deliverDue()).isZero();
        assertThat(receiver.received()).hasSize(3);
        assertThat(receiver.received()).extracting(received -> received.headers().getFirst("Tributary-Event-Id")).containsOnly(
                receiver.received().getFirst().headers().getFirst("Tributary-Event-Id"));
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1));
        assertThat(row().get("state")).isEqualTo("delivered");
        assertThat(row().get("attempts")).isEqualTo(3);
    }

    @Test
    void aDeliveryIsGivenUpAfterFiveRetries() {
        webhook(receiver.url(), SECRET);
        for (int reply = 0; reply < 10; reply++) {
            receiver.reply(Reply.of(500, "broken"));
        }
        record(server, org.id(), "bulk_sync.failed", failedRun("Orders", "timeout"));
        List<Duration> waits = new ArrayList<>();

        assertThat(deliverDue()).isEqualTo(1);
        while (row().get("state").equals("pending")) {
            waits.add(waitAfterLastAttempt());
            CLOCK.advance(waits.getLast());
            assertThat(deliverDue()).isEqualTo(1);
        }
        CLOCK.advance(Duration.ofDays(1));

        assertThat(deliverDue()).isZero();
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8));
        assertThat(receiver.received()).hasSize(6);
        assertThat(row().get("state")).isEqualTo("failed");
        assertThat(row().get("attempts")).isEqualTo(6);
        assertThat(row().get("last_error").toString()).contains("HTTP 500", "broken");
    }

    @Test
    void anUnreachableEndpointIsRetriedWithTheReasonKept() {
        webhook("http://127.0.0.1:" + FreePort.find() + "/hook?token=query-secret", SECRET);
        record(server, org.id(), "sync.failed", Map.of("name", "CRM"));

        assertThat(deliverDue()).isEqualTo(1);

        assertThat(row().get("state")).isEqualTo("pending");
        assertThat(row().get("last_error").toString()).contains("could not be reached", "/hook").doesNotContain("query-secret");
    }

    @Test
    void aPausedWebhookGetsNoNewDeliveriesUntilEnabled() {
        String id = webhook(receiver.url(), SECRET);
        server.call("POST", "/api/webhooks/" + id + "/disable", org.adminKey(), null);
        record(server, org.id(), "sync.completed", Map.of("name", "while paused"));

        assertThat(deliveries(server, org.id())).isEmpty();
        assertThat(deliverDue()).isZero();

        server.call("POST", "/api/webhooks/" + id + "/enable", org.adminKey(), null);
        record(server, org.id(), "sync.completed", Map.of("name", "after"));
        assertThat(deliverDue()).isEqualTo(1);
        assertThat(receiver.received()).singleElement().satisfies(request ->
                assertThat(request.body().at("/data/name").asText()).isEqualTo("after"));
    }

    @Test
    void eachWebhookOfTheOrganizationGetsItsOwnDelivery() throws IOException {
        try (TestingHttpEndpoint second = new TestingHttpEndpoint()) {
            webhook(receiver.url(), SECRET);
            webhook(second.url(), SECRET + "-second");
            record(server, org.id(), "bulk_sync.completed", Map.of("name", "Orders"));

            assertThat(deliverDue()).isEqualTo(2);

            assertThat(receiver.received()).hasSize(1);
            assertThat(second.received()).singleElement().satisfies(request -> assertThat(WebhookSignature.verify(SECRET + "-second",
                    request.headers().getFirst(WebhookSignature.HEADER), request.text(), CLOCK.instant(), TOLERANCE)).isTrue());
        }
    }

    @Test
    void aReplacedWebhookKeepsItsSecretUnlessANewOneIsSent() throws IOException {
        String id = webhook("https://example.com/old", SECRET);
        try (TestingHttpEndpoint moved = new TestingHttpEndpoint()) {
            HttpResponse<String> kept = server.call("PUT", "/api/webhooks/" + id, org.adminKey(), "{\"endpoint\": \"" + moved.url() + "\"}");
            record(server, org.id(), "sync.completed", Map.of("name", "first"));
            deliverDue();
            server.call("PUT", "/api/webhooks/" + id, org.adminKey(),
                    "{\"endpoint\": \"" + moved.url() + "\", \"secret\": \"whsec-the-new-secret-0000\"}");
            record(server, org.id(), "sync.completed", Map.of("name", "second"));
            deliverDue();

            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            assertThat(moved.received()).hasSize(2);
            assertThat(verifies(moved.received().get(0), SECRET)).isTrue();
            assertThat(verifies(moved.received().get(1), "whsec-the-new-secret-0000")).isTrue();
        }
    }

    @Test
    void aWebhookWhoseSecretCannotBeReadDoesNotHoldUpTheOthers() throws IOException {
        try (TestingHttpEndpoint healthy = new TestingHttpEndpoint()) {
            String broken = webhook(receiver.url(), SECRET);
            webhook(healthy.url(), SECRET);
            server.postgres().execute("UPDATE webhooks SET secret = 'v1:00000000:AAAA' WHERE id = '" + broken + "'");
            record(server, org.id(), "sync.failed", Map.of("name", "CRM"));

            assertThat(deliverDue()).isEqualTo(2);

            assertThat(healthy.received()).hasSize(1);
            assertThat(receiver.received()).isEmpty();
            assertThat(deliveries(server, org.id())).extracting(row -> row.get("state")).containsExactlyInAnyOrder("delivered", "pending");
            assertThat(deliveries(server, org.id())).anySatisfy(row -> assertThat(String.valueOf(row.get("last_error"))).contains("SECRETS_KEY"));
        }
    }

    @Test
    void deletingAWebhookDropsItsQueuedDeliveries() {
        String id = webhook(receiver.url(), SECRET);
        receiver.reply(Reply.of(500, "down"));
        record(server, org.id(), "sync.failed", Map.of("name", "CRM"));
        deliverDue();

        server.call("DELETE", "/api/webhooks/" + id, org.adminKey(), null);
        CLOCK.advance(Duration.ofMinutes(5));

        assertThat(deliveries(server, org.id())).isEmpty();
        assertThat(deliverDue()).isZero();
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void finishedDeliveriesArePurgedWithTheirEventsAfter48Hours() {
        webhook(receiver.url(), SECRET);
        record(server, org.id(), "sync.completed", Map.of("name", "CRM"));
        deliverDue();

        CLOCK.advance(Notifications.RETENTION.minusMinutes(1));
        server.server().notifications().purgeExpired();
        int kept = deliveries(server, org.id()).size();
        CLOCK.advance(Duration.ofMinutes(2));
        server.server().notifications().purgeExpired();

        assertThat(kept).isEqualTo(1);
        assertThat(deliveries(server, org.id())).isEmpty();
    }

    @Test
    void twoWorkersSendingAtOnceSendEachDeliveryOnce() throws Exception {
        webhook(receiver.url(), SECRET);
        int events = 40;
        for (int index = 0; index < events; index++) {
            record(server, org.id(), "sync.completed", Map.of("name", "run " + index));
        }
        CountDownLatch go = new CountDownLatch(1);
        try (Deliveries other = new Deliveries(server.server().store(), TestingSecrets.cipherIn(server.dataDir()), Optional.empty(), CLOCK);
             ExecutorService workers = Executors.newFixedThreadPool(2)) {
            Future<Integer> first = workers.submit(() -> {
                go.await();
                return server.server().deliveries().deliverDue();
            });
            Future<Integer> second = workers.submit(() -> {
                go.await();
                return other.deliverDue();
            });
            go.countDown();

            assertThat(first.get() + second.get()).isEqualTo(events);
        }
        List<String> ids = receiver.received().stream().map(request -> request.headers().getFirst("Tributary-Event-Id")).toList();
        assertThat(ids).hasSize(events).doesNotHaveDuplicates();
        assertThat(deliveries(server, org.id())).allSatisfy(row -> assertThat(row.get("attempts")).isEqualTo(1));
    }

    @Test
    void aServerWithTheWorkerRoleDeliversOnItsOwn() {
        try (TestingServer worker = new TestingServer(Map.of("ROLE", "web,worker"));
             TestingOrganization workerOrg = TestingOrganization.create(worker)) {
            HttpResponse<String> created = worker.call("POST", "/api/webhooks", workerOrg.adminKey(),
                    "{\"endpoint\": \"" + receiver.url() + "\", \"secret\": \"" + SECRET + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            record(worker, workerOrg.id(), "bulk_sync.completed", Map.of("name", "Orders"));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().getFirst().body().at("/data/name").asText()).isEqualTo("Orders");
        }
    }

    private int deliverDue() {
        return server.server().deliveries().deliverDue();
    }

    private String webhook(String endpoint, String secret) {
        HttpResponse<String> created = server.call("POST", "/api/webhooks", org.adminKey(),
                "{\"endpoint\": \"" + endpoint + "\", \"secret\": \"" + secret + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestingServer.json(created).at("/data/id").asText();
    }

    /** The organization's only delivery row. */
    private Map<String, Object> row() {
        List<Map<String, Object>> rows = deliveries(server, org.id());
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    /** How long the pending row waits after its last attempt, which the test clock says was now. */
    private Duration waitAfterLastAttempt() {
        return Duration.between(CLOCK.instant(), ((Timestamp) row().get("next_attempt_at")).toInstant());
    }

    private static boolean verifies(Received request, String secret) {
        return WebhookSignature.verify(secret, request.headers().getFirst(WebhookSignature.HEADER), request.text(), CLOCK.instant(),
                TOLERANCE);
    }

    private static TestingHttpEndpoint receiver() {
        try {
            return new TestingHttpEndpoint();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
