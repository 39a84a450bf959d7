package dev.tributary.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingSyncs;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk syncs on schedules, chained after each other and canceled, through the API. The scheduler's passes are made
 * by the test on a clock it moves; the worker runs as in production.
 */
class BulkSyncSchedulesIT {

    private static final Set<String> ENDED = Set.of("completed", "completed_with_errors", "failed", "canceled");
    private static final int BATCH = 500;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:17:30Z"));
    private final TestingServer server = new TestingServer(Map.of("ROLE", "web,worker", "SYNC_BATCH_SIZE", Integer.toString(BATCH)), clock);
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final TestingPostgres source = new TestingPostgres();
    private final TestingPostgres destination = new TestingPostgres();
    private final String key = people.adminA().apiKey();
    private final TestingSyncs syncs = new TestingSyncs(server, key);

    @AfterEach
    void stop() {
        server.close();
        source.close();
        destination.close();
    }

    @Test
    void theSupportedFrequenciesAreListed() {
        JsonNode frequencies = TestingServer.json(server.call("GET", "/api/syncs/schedules", key, null)).get("data");

        assertThat(frequencies.findValuesAsText("frequency"))
                .containsExactly("manual", "continuous", "hourly", "daily", "weekly", "custom", "runafter", "multi");
        assertThat(frequencies.get(4).get("fields").toString()).isEqualTo("[\"day_of_week\",\"hour\",\"minute\"]");
        assertThat(frequencies.get(7).get("bulk_syncs_only").asBoolean()).isTrue();
    }

    @Test
    void aScheduleIsKeptShownInTheStatusAndRunsTheSyncWhenDue() throws Exception {
        table(2000);
        String sync = bulkSync("Hourly", "{\"frequency\": \"hourly\", \"minute\": 15}");

        assertThat(get(sync).at("/schedule").toString()).isEqualTo("{\"frequency\":\"hourly\",\"minute\":\"15\"}");
        assertThat(status(sync).get("next_execution_time").asText()).isEqualTo("2026-11-25T11:15:00Z");
        assertThat(status(sync).get("status").asText()).isEqualTo("never_run");

        clock.moveTo(Instant.parse("2026-11-25T11:14:59Z"));
        server.server().jobs().tick();
        assertThat(syncs.executions(sync)).isEmpty();
        clock.moveTo(Instant.parse("2026-11-25T11:15:00Z"));
        server.server().jobs().tick();

        await().atMost(Duration.ofMinutes(1)).until(() -> ENDED.contains(status(sync).get("status").asText()));
        assertThat(status(sync).at("/last_execution/status").asText()).isEqualTo("completed");
        assertThat(TestingSyncs.count(destination, "items")).isEqualTo(2000);
        assertThat(status(sync).get("next_execution_time").asText()).isEqualTo("2026-11-25T12:15:00Z");

        HttpResponse<String> daily = server.call("PATCH", "/api/bulk/syncs/" + sync, key,
                "{\"schedule\": {\"frequency\": \"daily\", \"hour\": \"3\", \"minute\": \"0\"}}");
        assertThat(daily.statusCode()).as(daily.body()).isEqualTo(200);
        assertThat(status(sync).get("next_execution_time").asText()).isEqualTo("2026-11-26T03:00:00Z");
    }

    @Test
    void badSchedulesAreRefusedNamingTheField() throws Exception {
        table(10);
        String sync = bulkSync("Manual", "{\"frequency\": \"manual\"}");

        assertThat(refusal(sync, "{\"frequency\": \"hourly\", \"minute\": 75}")).containsExactly("schedule.minute");
        assertThat(refusal(sync, "{\"frequency\": \"custom\", \"expression\": \"every day\"}")).containsExactly("schedule.expression");
        assertThat(refusal(sync, "{\"frequency\": \"sometimes\"}")).containsExactly("schedule.frequency");
        assertThat(refusal(sync, "{\"frequency\": \"runafter\", \"run_after\": {\"bulk_sync_ids\": [\"" + sync + "\"]}}"))
                .containsExactly("schedule.run_after");
        assertThat(refusal(sync, "{\"frequency\": \"runafter\", \"run_after\": {\"sync_ids\": [\"" + people.adminB().userId() + "\"]}}"))
                .containsExactly("schedule.run_after");
        assertThat(status(sync).has("next_execution_time")).as("still manual").isFalse();
    }

    @Test
    void aBulkSyncSetToRunAfterAnotherRunsWhenThatOneFinishes() throws Exception {
        table(1000);
        String first = bulkSync("First", "{\"frequency\": \"manual\"}");
        String second = bulkSync("Second", "{\"frequency\": \"runafter\", \"run_after\": {\"bulk_sync_ids\": [\"" + first + "\"]},"
                + " \"run_after_success_only\": true}");

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> started = server.call("POST", "/api/bulk/syncs/" + first + "/executions", key, null);
        assertThat(started.statusCode()).isEqualTo(201);
        await().atMost(Duration.ofMinutes(1)).until(() -> ENDED.contains(status(first).get("status").asText()));
        assertThat(syncs.executions(second)).isEmpty();

        server.server().jobs().tick();

        await().atMost(Duration.ofMinutes(1)).until(() -> syncs.executions(second).size() == 1
                && ENDED.contains(syncs.executions(second).get(0).get("status").asText()));
        assertThat(syncs.executions(second).get(0).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void cancelStopsARunningSyncAfterItsBatchLeavingTheDestinationConsistent() throws Exception {
        table(5000);
        destination.execute("CREATE TABLE items (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
        // The batch holding id 1200 waits for a lock this test holds, so the run is mid-way when it is canceled.
        destination.execute("CREATE FUNCTION hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = 1200 THEN"
                + " PERFORM pg_advisory_lock(42); PERFORM pg_advisory_unlock(42); END IF; RETURN NEW; END $$");
        destination.execute("CREATE TRIGGER hold BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION hold()");
        String sync = bulkSync("Cancel me", "{\"frequency\": \"manual\"}");
        String execution;
        try (Connection lock = destination.connect()) {
            lock.createStatement().execute("SELECT pg_advisory_lock(42)");
            execution = syncs.start(sync);
            await().atMost(Duration.ofMinutes(1)).until(() -> syncs.execution(sync, execution).get("records_written").asLong() == 1000);

            HttpResponse<String> cancel = server.call("POST", "/api/bulk/syncs/" + sync + "/cancel", key, null);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
            assertThat(syncs.execution(sync, execution).get("status").asText()).isEqualTo("canceling");
            lock.createStatement().execute("SELECT pg_advisory_unlock(42)");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ENDED.contains(syncs.execution(sync, execution).get("status").asText()));

        JsonNode canceled = syncs.execution(sync, execution);
        assertThat(canceled.get("status").asText()).isEqualTo("canceled");
        assertThat(TestingSyncs.count(destination, "items")).as("whole batches only")
                .isEqualTo(canceled.get("records_written").asLong()).isEqualTo(1500);
        assertThat(server.call("POST", "/api/bulk/syncs/" + sync + "/cancel", key, null).statusCode()).isEqualTo(409);

        String again = syncs.start(sync);
        await().atMost(Duration.ofMinutes(1)).until(() -> ENDED.contains(syncs.execution(sync, again).get("status").asText()));
        assertThat(syncs.execution(sync, again).get("records_read").asLong()).as("resumed after the canceled run's last batch")
                .isLessThanOrEqualTo(3500 + BATCH);
        assertThat(TestingSyncs.count(destination, "items")).isEqualTo(5000);
    }

    @Test
    void deletingASyncDropsItsSchedule() throws Exception {
        table(10);
        String sync = bulkSync("Gone", "{\"frequency\": \"hourly\", \"minute\": \"0\"}");

        assertThat(syncs.executions(sync)).isEmpty();
        assertThat(server.call("DELETE", "/api/bulk/syncs/" + sync, key, null).statusCode()).isEqualTo(204);
        clock.moveTo(Instant.parse("2026-11-25T11:00:00Z"));
        server.server().jobs().tick();

        try (Connection connection = server.postgres().connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM schedules WHERE subject_id = '" + sync + "'")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    private void table(int rows) {
        source.execute("CREATE TABLE items (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO items SELECT i, timestamptz '2026-01-01' + i * interval '1 second' FROM generate_series(1, " + rows + ") i");
    }

    private String bulkSync(String name, String schedule) {
        return syncs.create(name, source, destination, "items", "updated_at", schedule);
    }

    private List<String> refusal(String sync, String schedule) {
        HttpResponse<String> refused = server.call("PATCH", "/api/bulk/syncs/" + sync, key, "{\"schedule\": " + schedule + "}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
        return TestingServer.json(refused).at("/errors").findValuesAsText("field");
    }

    private JsonNode get(String sync) {
        return TestingServer.json(server.call("GET", "/api/bulk/syncs/" + sync, key, null)).at("/data");
    }

    private JsonNode status(String sync) {
        return TestingServer.json(server.call("GET", "/api/bulk/syncs/" + sync + "/status", key, null)).at("/data");
    }
}
