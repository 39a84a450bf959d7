package dev.tributary.server.notify;

import static dev.tributary.server.notify.TestingNotifications.failedRun;
import static dev.tributary.server.notify.TestingNotifications.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingOrganization;
import dev.tributary.server.testing.TestingServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events recorded as the job engine records them, read back through GET /api/events, and forgotten after 48 hours. */
class EventsIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static TestingServer server;
    private final TestingOrganization org = TestingOrganization.create(server);

    @BeforeAll
    static void start() {
        server = new TestingServer(Map.of("ROLE", "web"), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void deleteOrganization() {
        org.close();
    }

    @Test
    void theEventTypesAreListed() {
        JsonNode types = TestingServer.json(server.call("GET", "/api/events_types", org.memberKey(), null)).at("/data");

        assertThat(textValues(types)).containsExactly("sync.running", "sync.completed", "sync.completed_with_errors", "sync.failed",
                "sync.canceled", "bulk_sync.running", "bulk_sync.completed", "bulk_sync.completed_with_errors", "bulk_sync.failed",
                "bulk_sync.canceled");
    }

    @Test
    void aRecordedEventIsListedWithItsDataForEveryMember() {
        Map<String, Object> data = failedRun("Orders", "relation \"orders\" does not exist");
        record(server, org.id(), "bulk_sync.failed", data);

        HttpResponse<String> response = server.call("GET", "/api/events", org.memberKey(), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode event = TestingServer.json(response).at("/data/0");
        assertThat(event.at("/type").asText()).isEqualTo("bulk_sync.failed");
        assertThat(event.at("/organization_id").asText()).isEqualTo(org.id().toString());
        assertThat(Instant.parse(event.at("/created_at").asText())).isEqualTo(CLOCK.instant());
        assertThat(event.at("/data/name").asText()).isEqualTo("Orders");
        assertThat(event.at("/data/error").asText()).isEqualTo("relation \"orders\" does not exist");
        assertThat(event.at("/data/execution_id").asText()).isEqualTo(data.get("execution_id"));
        assertThat(TestingServer.json(response).at("/data")).hasSize(1);
        assertThat(TestingServer.json(response).at("/pagination/next_page_token").isMissingNode()).isTrue();
    }

    @Test
    void anEventIsPartOfTheCallersTransactionAndVanishesWithItsRollback() {
        assertThatThrownBy(() -> server.server().store().inTransaction(session -> {
            server.server().notifications().record(session, org.id(), "sync.failed", Map.of("name", "CRM"));
            throw new IllegalStateException("the status change failed");
        })).hasMessageContaining("the status change failed");

        assertThat(TestingServer.json(server.call("GET", "/api/events", org.adminKey(), null)).at("/data")).isEmpty();
    }

    @Test
    void anUnknownTypeIsRefusedWhenRecorded() {
        assertThatThrownBy(() -> record(server, org.id(), "bulk_sync.exploded", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bulk_sync.exploded", "bulk_sync.failed");
    }

    @Test
    void eventsComeNewestFirstFilteredByType() {
        for (String type : List.of("bulk_sync.running", "bulk_sync.completed", "bulk_sync.running", "bulk_sync.failed")) {
            record(server, org.id(), type, Map.of("name", type));
            CLOCK.advance(Duration.ofSeconds(1));
        }

        JsonNode all = TestingServer.json(server.call("GET", "/api/events", org.adminKey(), null)).at("/data");
        JsonNode running = TestingServer.json(server.call("GET", "/api/events?type=bulk_sync.running", org.adminKey(), null)).at("/data");

        assertThat(all.findValuesAsText("type")).containsExactly("bulk_sync.failed", "bulk_sync.running", "bulk_sync.completed",
                "bulk_sync.running");
        assertThat(running.findValuesAsText("type")).containsExactly("bulk_sync.running", "bulk_sync.running");
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeatsEvenWithinTheSameInstant() {
        List<String> recorded = new ArrayList<>();
        for (int index = 0; index < 7; index++) {
            record(server, org.id(), "sync.completed", Map.of("name", "run " + index));
            recorded.add("run " + index);
            if (index % 2 == 0) {
                CLOCK.advance(Duration.ofMillis(1));
            }
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            HttpResponse<String> page = server.call("GET", "/api/events?limit=3" + (token == null ? "" : "&page_token=" + token),
                    org.adminKey(), null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            seen.addAll(TestingServer.json(page).at("/data").findValuesAsText("name"));
            JsonNode next = TestingServer.json(page).at("/pagination/next_page_token");
            token = next.isMissingNode() ? null : next.asText();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(recorded).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder("run 5", "run 6");
        assertThat(seen.getLast()).isEqualTo("run 0");
    }

    @Test
    void startingAfterAndEndingBeforeBoundTheTimeExclusively() {
        Instant first = CLOCK.instant();
        record(server, org.id(), "sync.running", Map.of("name", "first"));
        CLOCK.advance(Duration.ofMinutes(1));
        Instant second = CLOCK.instant();
        record(server, org.id(), "sync.running", Map.of("name", "second"));
        CLOCK.advance(Duration.ofMinutes(1));
        record(server, org.id(), "sync.running", Map.of("name", "third"));

        assertThat(names("/api/events?starting_after=" + encode(first.toString()))).containsExactly("third", "second");
        assertThat(names("/api/events?ending_before=" + encode(second.toString()))).containsExactly("first");
        assertThat(names("/api/events?starting_after=" + encode(first.toString()) + "&ending_before=" + encode(second.plusSeconds(1).toString())))
                .containsExactly("second");
    }

    @Test
    void badParametersAreNamedAllAtOnce() {
        HttpResponse<String> response = server.call("GET", "/api/events?type=sync.exploded&limit=1000&starting_after=yesterday",
                org.adminKey(), null);
        HttpResponse<String> token = server.call("GET", "/api/events?page_token=not-a-token", org.adminKey(), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(TestingServer.json(response).at("/errors").findValuesAsText("field")).containsExactly("type", "starting_after", "limit");
        assertThat(TestingServer.json(response).at("/errors/0/message").asText()).contains("GET /api/events_types");
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(token).at("/errors").findValuesAsText("field")).containsExactly("page_token");
    }

    @Test
    void anOrganizationSeesOnlyItsOwnEvents() {
        record(server, org.id(), "sync.completed", Map.of("name", "ours"));
        try (TestingOrganization other = TestingOrganization.create(server)) {
            record(server, other.id(), "sync.completed", Map.of("name", "theirs"));

            assertThat(names("/api/events")).containsExactly("ours");
        }
    }

    @Test
    void eventsOlderThan48HoursArePurged() {
        record(server, org.id(), "bulk_sync.completed", Map.of("name", "old"));
        CLOCK.advance(Duration.ofHours(47));
        record(server, org.id(), "bulk_sync.completed", Map.of("name", "recent"));

        int purgedEarly = server.server().notifications().purgeExpired();
        List<String> before = names("/api/events");
        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
        int purged = server.server().notifications().purgeExpired();

        assertThat(purgedEarly).isZero();
        assertThat(before).containsExactly("recent", "old");
        assertThat(purged).isEqualTo(1);
        assertThat(names("/api/events")).containsExactly("recent");
    }

    private List<String> names(String path) {
        HttpResponse<String> response = server.call("GET", path, org.adminKey(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestingServer.json(response).at("/data").findValuesAsText("name");
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
