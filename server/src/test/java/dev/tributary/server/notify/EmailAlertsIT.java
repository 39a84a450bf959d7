package dev.tributary.server.notify;

import static dev.tributary.server.notify.TestingNotifications.deliveries;
import static dev.tributary.server.notify.TestingNotifications.failedRun;
import static dev.tributary.server.notify.TestingNotifications.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tributary.server.ops.LogRing;
import dev.tributary.server.ops.Logging;
import dev.tributary.server.testing.FreePort;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingOrganization;
import dev.tributary.server.testing.TestingServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Email alerts through a real SMTP server (GreenMail, signing in with a user name and password) on a free local port. */
class EmailAlertsIT {

    private static final String SMTP_PASSWORD = "smtp-canary-password-77";
    private static final int SMTP_PORT = FreePort.find();
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private static TestingServer server;
    private final GreenMail smtp = smtp();
    private final TestingOrganization org = TestingOrganization.create(server);

    @BeforeAll
    static void start() {
        server = new TestingServer(Map.of("ROLE", "web", "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(SMTP_PORT),
                "SMTP_USERNAME", "alerts", "SMTP_PASSWORD", SMTP_PASSWORD, "SMTP_FROM", "tributary@example.com", "SMTP_STARTTLS", "false"),
                CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void cleanUp() {
        org.close();
        smtp.stop();
    }

    @Test
    void aFailedBulkSyncEmailsEachSubscriberWithTheErrorAndALink() throws Exception {
        subscribe("[\"ops@example.com\", \"data@example.com\"]");
        Map<String, Object> run = failedRun("Orders", "relation \"orders\" does not exist");
        long logsBefore = Logging.ring().newest();

        record(server, org.id(), "bulk_sync.failed", run);
        int attempts = server.server().deliveries().deliverDue();

        assertThat(attempts).isEqualTo(2);
        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] messages = smtp.getReceivedMessages();
        assertThat(Arrays.stream(messages).map(EmailAlertsIT::recipient)).containsExactlyInAnyOrder("ops@example.com", "data@example.com");
        for (MimeMessage message : messages) {
            assertThat(message.getSubject()).isEqualTo("Tributary: bulk sync 'Orders' failed");
            assertThat(message.getFrom()[0].toString()).isEqualTo("tributary@example.com");
            assertThat(message.getContent().toString()).contains("The bulk sync 'Orders' failed.",
                    "Error: relation \"orders\" does not exist",
                    server.base().replace("127.0.0.1", "localhost") + "/bulk/syncs/" + run.get("bulk_sync_id") + "/executions/"
                            + run.get("execution_id"));
        }
        assertThat(deliveries(server, org.id())).hasSize(2).allSatisfy(row -> assertThat(row.get("state")).isEqualTo("delivered"));
        List<LogRing.Line> logged = Logging.ring().read(new LogRing.Query(logsBefore, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 100_000), Duration.ZERO);
        assertThat(logged).allSatisfy(line -> assertThat(line.message()).doesNotContain(SMTP_PASSWORD));
        assertThat(server.postgres().dumpAsText()).doesNotContain(SMTP_PASSWORD);
    }

    @Test
    void onlyFailuresAreEmailed() {
        subscribe("[\"ops@example.com\"]");

        for (String type : List.of("bulk_sync.running", "bulk_sync.completed", "bulk_sync.completed_with_errors", "bulk_sync.canceled",
                "sync.completed")) {
            record(server, org.id(), type, Map.of("name", "Orders"));
        }
        record(server, org.id(), "sync.failed", Map.of("name", "CRM", "sync_id", "s1", "error", "HTTP 401 from the CRM"));
        server.server().deliveries().deliverDue();

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(smtp.getReceivedMessages()).extracting(EmailAlertsIT::subject).containsExactly("Tributary: sync 'CRM' failed");
        assertThat(deliveries(server, org.id())).hasSize(1);
    }

    @Test
    void aLongRunningSyncIsEmailedToTheSubscribers() throws Exception {
        subscribe("[\"ops@example.com\"]");

        server.server().store().inTransaction(session -> {
            server.server().notifications().longRunning(session, org.id(), "Orders", "/bulk/syncs/b1/executions/x1", Duration.ofMinutes(95),
                    Map.of("bulk_sync_id", "b1", "execution_id", "x1"));
            return null;
        });
        server.server().deliveries().deliverDue();

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("Tributary: bulk sync 'Orders' has been running for 1 h 35 min");
        assertThat(message.getContent().toString()).contains("/bulk/syncs/b1/executions/x1", "Execution: x1");
    }

    @Test
    void anSmtpOutageIsRetriedLikeAWebhook() {
        subscribe("[\"ops@example.com\"]");
        smtp.stop();
        record(server, org.id(), "bulk_sync.failed", failedRun("Orders", "disk full"));

        server.server().deliveries().deliverDue();
        Map<String, Object> failed = deliveries(server, org.id()).getFirst();
        GreenMail restarted = smtp();
        try {
            CLOCK.advance(Duration.ofSeconds(30));
            server.server().deliveries().deliverDue();

            assertThat(failed.get("state")).isEqualTo("pending");
            assertThat(failed.get("last_error").toString()).contains("SMTP").doesNotContain(SMTP_PASSWORD);
            assertThat(restarted.waitForIncomingEmail(10_000, 1)).isTrue();
            assertThat(deliveries(server, org.id()).getFirst()).containsEntry("state", "delivered").containsEntry("attempts", 2);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void membersReadTheSubscribersAndAdminsReplaceThem() {
        HttpResponse<String> replaced = server.call("PUT", "/api/notifications/global-error-subscribers", org.adminKey(),
                "{\"emails\": [\" Ops@Example.com \", \"data@example.com\", \"ops@example.com\"]}");
        HttpResponse<String> read = server.call("GET", "/api/notifications/global-error-subscribers", org.memberKey(), null);
        HttpResponse<String> byMember = server.call("PUT", "/api/notifications/global-error-subscribers", org.memberKey(), "{\"emails\": []}");

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode data = TestingServer.json(read).at("/data");
        assertThat(data.at("/emails").toString()).isEqualTo("[\"ops@example.com\",\"data@example.com\"]");
        assertThat(data.at("/email_enabled").asBoolean()).isTrue();
        assertThat(byMember.statusCode()).isEqualTo(403);
        assertThat(TestingServer.json(server.call("GET", "/api/audit", org.adminKey(), null)).at("/data").findValuesAsText("action"))
                .contains("notifications.global_error_subscribers.update");
    }

    @Test
    void badAddressesAreNamedByTheirIndex() {
        HttpResponse<String> response = server.call("PUT", "/api/notifications/global-error-subscribers", org.adminKey(),
                "{\"emails\": [\"ops@example.com\", \"not an address\", \"Ops <ops@example.com>\", \"\"]}");
        HttpResponse<String> missing = server.call("PUT", "/api/notifications/global-error-subscribers", org.adminKey(), "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(TestingServer.json(response).at("/errors").findValuesAsText("field")).containsExactly("emails[1]", "emails[2]", "emails[3]");
        assertThat(TestingServer.json(response).at("/errors/0/message").asText()).contains("not an address", "ada@example.com");
        assertThat(TestingServer.json(missing).at("/errors").findValuesAsText("field")).containsExactly("emails");
        assertThat(TestingServer.json(server.call("GET", "/api/notifications/global-error-subscribers", org.adminKey(), null))
                .at("/data/emails")).isEmpty();
    }

    @Test
    void withoutSmtpHostNoEmailIsQueuedAndTheApiSaysSo() {
        try (TestingServer quiet = new TestingServer(Map.of("ROLE", "web"));
             TestingOrganization quietOrg = TestingOrganization.create(quiet)) {
            HttpResponse<String> replaced = quiet.call("PUT", "/api/notifications/global-error-subscribers", quietOrg.adminKey(),
                    "{\"emails\": [\"ops@example.com\"]}");

            record(quiet, quietOrg.id(), "bulk_sync.failed", failedRun("Orders", "disk full"));

            assertThat(replaced.statusCode()).isEqualTo(200);
            assertThat(TestingServer.json(replaced).at("/data/email_enabled").asBoolean()).isFalse();
            assertThat(deliveries(quiet, quietOrg.id())).isEmpty();
            assertThat(TestingServer.json(quiet.call("GET", "/api/events", quietOrg.adminKey(), null)).at("/data")).hasSize(1);
        }
    }

    private void subscribe(String emails) {
        HttpResponse<String> response = server.call("PUT", "/api/notifications/global-error-subscribers", org.adminKey(),
                "{\"emails\": " + emails + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static GreenMail smtp() {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", SMTP_PASSWORD));
        mail.start();
        return mail;
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
