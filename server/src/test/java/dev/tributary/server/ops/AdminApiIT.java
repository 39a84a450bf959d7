package dev.tributary.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.connect.files.TestingS3;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingSyncs;
import dev.tributary.server.testing.TwoOrganizations;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The admin console's API against a real server, PostgreSQL and Redis. */
class AdminApiIT {

    private static final String KEY = TestingServer.DEPLOYMENT_API_KEY;

    private TestingServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthReportsEveryPartWithItsDetail() {
        server = new TestingServer(Map.of("REDIS_URL", "redis://127.0.0.1:6379/0"));

        JsonNode health = TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data");

        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("development").asBoolean()).isTrue();
        assertThat(health.get("roles")).hasSize(3);
        assertThat(part(health, "metadata database").get("status").asText()).isEqualTo("ok");
        assertThat(part(health, "metadata database").get("detail").asText()).matches("schema version [0-9]+");
        assertThat(part(health, "redis").get("status").asText()).isEqualTo("ok");
        assertThat(part(health, "job payload store").get("status").asText()).isEqualTo("ok");
        assertThat(part(health, "query export store").get("status").asText()).isEqualTo("ok");
        assertThat(part(health, "query export store").get("detail").asText()).isEqualTo("file://" + server.dataDir().resolve("exports"));
        assertThat(part(health, "job queue").get("detail").asText()).isEqualTo("0 runs due, 0 running on 0 workers");
        assertThat(part(health, "worker").get("detail").asText()).isEqualTo("0 of 10 runs (SYNC_WORKERS) running in this container");
        assertThat(part(health, "worker heartbeats").get("detail").asText()).isEqualTo("no run in progress");
        await().atMost(Duration.ofSeconds(30)).until(() -> part(TestingServer.json(server.call("GET", "/api/admin/health", KEY, null))
                .at("/data"), "scheduler").get("status").asText().equals("ok"));
    }

    @Test
    void aContainerWithoutTheSchedulerAndWorkerRolesSaysSo() {
        server = new TestingServer(Map.of("ROLE", "web"));

        JsonNode health = TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data");

        assertThat(part(health, "scheduler").get("status").asText()).isEqualTo("not_configured");
        assertThat(part(health, "worker").get("detail").asText()).isEqualTo("this container has no worker role");
        assertThat(health.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void anUnreachableRedisIsADegradedPartOfAServerThatStaysHealthy() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        server = new TestingServer(Map.of("REDIS_URL", "redis://:redis-secret@127.0.0.1:" + closed));

        HttpResponse<String> response = server.call("GET", "/api/admin/health", KEY, null);
        JsonNode health = TestingServer.json(response).at("/data");

        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(part(health, "redis").get("status").asText()).isEqualTo("degraded");
        assertThat(part(health, "redis").get("detail").asText()).startsWith("Redis at 127.0.0.1:" + closed + " unreachable: ")
                .endsWith("; caching is off and the server works on PostgreSQL alone");
        assertThat(response.body()).doesNotContain("redis-secret");
        assertThat(server.call("GET", "/status.txt", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutRedisTheHealthSaysTheServerWorksOnPostgresqlAlone() {
        server = new TestingServer(Map.of());

        JsonNode health = TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data");

        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(part(health, "redis").get("status").asText()).isEqualTo("not_configured");
        assertThat(part(health, "redis").get("detail").asText()).contains("works on PostgreSQL alone");
    }

    @Test
    void aPayloadStoreInADirectoryIsProbedByWritingReadingAndDeleting() throws Exception {
        Path payloads = Files.createTempDirectory("payloads").resolve("not-yet-there");
        server = new TestingServer(Map.of("JOB_PAYLOAD_PATH", payloads.toUri().toString()));

        JsonNode store = part(TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data"), "job payload store");

        assertThat(store.get("status").asText()).isEqualTo("ok");
        assertThat(store.get("detail").asText()).isEqualTo("file://" + payloads);
        assertThat(server.server().payloads().describe()).isEqualTo("file://" + payloads);
        assertThat(server.server().payloads().list("")).as("the probe is deleted").isEmpty();
        assertThat(payloads.resolve("health")).isEmptyDirectory();
    }

    @Test
    void aPayloadStoreOnS3IsProbedByWritingReadingAndDeleting() throws Exception {
        try (TestingS3 s3 = new TestingS3()) {
            String location = "s3://" + TestingS3.BUCKET + "/payloads/?region=us-east-1&endpoint=" + s3.endpoint();
            server = new TestingServer(Map.of("JOB_PAYLOAD_PATH", location));

            JsonNode store = part(TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data"), "job payload store");

            assertThat(store.get("status").asText()).as(store.toString()).isEqualTo("ok");
            assertThat(store.get("detail").asText()).isEqualTo(location);
            assertThat(s3.client().listObjectsV2(request -> request.bucket(TestingS3.BUCKET).prefix("payloads/")).contents())
                    .as("the probe is deleted").isEmpty();
            server.server().payloads().put("jobs/1/payload.json", new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), 2);
            assertThat(s3.client().headObject(request -> request.bucket(TestingS3.BUCKET).key("payloads/jobs/1/payload.json"))
                    .contentLength()).isEqualTo(2);
        }
    }

    @Test
    void anS3PayloadStoreThatRefusesIsDownAndTheServerDegraded() throws Exception {
        try (TestingS3 s3 = new TestingS3()) {
            String location = "s3://no-such-bucket/payloads/?region=us-east-1&endpoint=" + s3.endpoint();
            server = new TestingServer(Map.of("JOB_PAYLOAD_PATH", location));

            JsonNode health = TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data");

            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(part(health, "job payload store").get("status").asText()).isEqualTo("down");
            assertThat(part(health, "job payload store").get("detail").asText()).startsWith("Writing 'health/probe-")
                    .contains(location, "bucket no-such-bucket does not exist", "create it or correct the location");
        }
    }

    @Test
    void configShowsEveryVariableWithItsSourceAndNoSecret() {
        server = new TestingServer(Map.of("GOOGLE_CLIENT_SECRET", "google-secret-value", "GOOGLE_CLIENT_ID", "client"));

        HttpResponse<String> response = server.call("GET", "/api/admin/config", KEY, null);
        JsonNode settings = TestingServer.json(response).at("/data");

        assertThat(settings.findValuesAsText("name")).contains("DATABASE_URL", "PORT", "DEPLOYMENT_API_KEY", "OIDC_ISSUER");
        JsonNode apiKey = setting(settings, "DEPLOYMENT_API_KEY");
        assertThat(apiKey.get("value").asText()).isEqualTo("****");
        assertThat(apiKey.get("source").asText()).isEqualTo("environment");
        assertThat(apiKey.get("secret").asBoolean()).isTrue();
        assertThat(setting(settings, "PORT").get("source").asText()).isEqualTo("environment");
        assertThat(setting(settings, "LOG_LEVEL").get("source").asText()).isEqualTo("default");
        assertThat(response.body()).doesNotContain(KEY, "google-secret-value");
    }

    @Test
    void logsAreFilteredPagedAndFreeOfSecrets() {
        server = new TestingServer(Map.of());
        String marker = "marker-" + System.nanoTime();
        LoggerFactory.getLogger("dev.tributary.test.admin").warn("{} first, with the key {}", marker, KEY);
        LoggerFactory.getLogger("dev.tributary.test.admin").info("{} second", marker);

        HttpResponse<String> all = server.call("GET", "/api/admin/logs?q=" + marker, KEY, null);
        HttpResponse<String> warnings = server.call("GET", "/api/admin/logs?level=warn&logger=dev.tributary.test&q=" + marker, KEY, null);
        JsonNode first = TestingServer.json(server.call("GET", "/api/admin/logs?limit=1&q=" + marker, KEY, null));
        String cursor = first.at("/pagination/next_page_token").asText();
        JsonNode next = TestingServer.json(server.call("GET", "/api/admin/logs?q=" + marker + "&page_token=" + cursor, KEY, null));

        assertThat(TestingServer.json(all).at("/data").findValuesAsText("message")).hasSize(2);
        assertThat(all.body()).doesNotContain(KEY).contains(marker + " first, with the key ****");
        assertThat(TestingServer.json(warnings).at("/data").findValuesAsText("message")).singleElement().asString().contains("first");
        assertThat(next.at("/data").findValuesAsText("message")).singleElement().asString().contains("second");
    }

    @Test
    void theLogFileIsReadBackFilteredPagedAndFreeOfSecrets(@TempDir Path logs) throws Exception {
        Path file = logs.resolve("tributary.log");
        server = new TestingServer(Map.of("LOG_FILE", file.toString(), "LOG_FORMAT", "text"));
        String marker = "file-marker-" + System.nanoTime();
        LoggerFactory.getLogger("dev.tributary.test.admin").warn("{} first, with the key {}", marker, KEY);
        LoggerFactory.getLogger("dev.tributary.test.admin").error("{} second", marker, new IllegalStateException("boom"));

        JsonNode all = TestingServer.json(server.call("GET", "/api/admin/logs?source=file&q=" + marker, KEY, null));
        JsonNode started = TestingServer.json(server.call("GET", "/api/admin/logs?source=file&q=started+with+roles", KEY, null));
        JsonNode first = TestingServer.json(server.call("GET", "/api/admin/logs?source=file&limit=1&q=" + marker, KEY, null));
        JsonNode next = TestingServer.json(server.call("GET", "/api/admin/logs?source=file&q=" + marker + "&page_token="
                + first.at("/pagination/next_page_token").asText(), KEY, null));
        JsonNode errors = TestingServer.json(server.call("GET", "/api/admin/logs?source=file&level=error&q=" + marker, KEY, null));
        HttpResponse<String> unknown = server.call("GET", "/api/admin/logs?source=disk", KEY, null);

        assertThat(Files.readString(file)).contains(marker).doesNotContain(KEY);
        assertThat(all.at("/data").findValuesAsText("message")).satisfiesExactly(
                line -> assertThat(line).isEqualTo(marker + " first, with the key ****"),
                line -> assertThat(line).startsWith(marker + " second | java.lang.IllegalStateException: boom | at dev.tributary"));
        assertThat(started.at("/data").findValuesAsText("message")).singleElement().asString().startsWith("Tributary ");
        assertThat(first.at("/data").findValuesAsText("message")).singleElement().asString().contains("first");
        assertThat(next.at("/data").findValuesAsText("message")).singleElement().asString().contains("second");
        assertThat(errors.at("/data").findValuesAsText("level")).containsExactly("ERROR");
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void readingTheLogFileWithoutOneSaysLogFileIsNotSet() {
        server = new TestingServer(Map.of());

        HttpResponse<String> refused = server.call("GET", "/api/admin/logs?source=file", KEY, null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(refused).at("/errors/0/message").asText()).contains("LOG_FILE is not set");
    }

    @Test
    void aLongPollReturnsAsSoonAsAMatchingLineArrives() throws Exception {
        server = new TestingServer(Map.of());
        String marker = "tail-" + System.nanoTime();
        String cursor = TestingServer.json(server.call("GET", "/api/admin/logs?limit=1&q=" + marker, KEY, null))
                .at("/pagination/next_page_token").asText();

        CompletableFuture<HttpResponse<String>> tail = CompletableFuture.supplyAsync(() ->
                server.call("GET", "/api/admin/logs?wait=30&q=" + marker + "&page_token=" + cursor, KEY, null));
        LoggerFactory.getLogger("dev.tributary.test.admin").info("{} arrived", marker);

        HttpResponse<String> response = tail.get(20, TimeUnit.SECONDS);
        assertThat(TestingServer.json(response).at("/data").findValuesAsText("message")).singleElement().asString().contains("arrived");
    }

    @Test
    void theAdminApiTakesTheOperatorsAdminTokenOrTheDeploymentKeyButNoOtherCredential() {
        server = new TestingServer(Map.of());
        TwoOrganizations people = TwoOrganizations.create(server);
        String orgAdminToken = adminToken(people.adminA().apiKey());
        String operatorToken = adminToken(operatorKey());

        assertThat(server.call("GET", "/api/admin/health", operatorToken, null).statusCode()).isEqualTo(200);
        assertThat(server.call("GET", "/api/admin/logs", orgAdminToken, null).statusCode()).as("another workspace's admin").isEqualTo(403);
        assertThat(server.call("GET", "/api/admin/health", operatorKey(), null).statusCode()).as("an API key").isEqualTo(403);
        JsonNode workspaces = TestingServer.json(server.call("GET", "/api/admin/workspaces", operatorToken, null)).at("/data");
        assertThat(workspaces.findValuesAsText("name")).containsExactly("development");
        assertThat(server.call("POST", "/api/admin/workspaces", operatorToken, "{\"name\": \"Charlie\", \"users\": [\"c@c.test\"]}")
                .statusCode()).as("bootstrapping workspaces takes the deployment key").isEqualTo(403);
    }

    private String operatorKey() {
        String organization = null;
        for (JsonNode workspace : TestingServer.json(server.call("GET", "/api/admin/workspaces", KEY, null)).at("/data")) {
            if (workspace.get("name").asText().equals("development")) {
                organization = workspace.get("id").asText();
            }
        }
        HttpResponse<String> key = server.call("POST", "/api/organizations/" + organization + "/users/" + server.operatorId() + "/keys", KEY,
                "{\"name\": \"console\"}");
        return TestingServer.json(key).at("/data/key").asText();
    }

    private String adminToken(String apiKey) {
        return TestingServer.json(server.call("POST", "/api/admin/tokens", apiKey, null)).at("/data/token").asText();
    }

    @Test
    void workspaceBootstrapIsIdempotent() {
        server = new TestingServer(Map.of());
        String body = "{\"name\": \"Charlie\", \"domain\": \"charlie.test\", \"users\": [\"cy@charlie.test\", \"di@charlie.test\"]}";

        HttpResponse<String> first = server.call("POST", "/api/admin/workspaces", KEY, body);
        HttpResponse<String> second = server.call("POST", "/api/admin/workspaces", KEY, body);
        HttpResponse<String> invalid = server.call("POST", "/api/admin/workspaces", KEY, "{\"name\": \"\", \"users\": []}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(TestingServer.json(first).at("/data/added_users")).hasSize(2);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(TestingServer.json(second).at("/data/created").asBoolean()).isFalse();
        assertThat(TestingServer.json(second).at("/data/added_users")).isEmpty();
        assertThat(TestingServer.json(second).at("/data/users").asInt()).isEqualTo(2);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(invalid).at("/errors").findValuesAsText("field")).containsExactly("name", "users");
    }

    @Test
    void aRunWhoseWorkerStoppedReportingMakesTheWorkerHeartbeatsDegraded() throws Exception {
        server = new TestingServer(Map.of("ROLE", "web"));
        try (Connection connection = server.postgres().connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO jobs (id, organization_id, kind, subject_id, execution_id, state, run_at, created_at, worker, heartbeat_at)
                SELECT gen_random_uuid(), (SELECT id FROM organizations LIMIT 1), 'test', gen_random_uuid(), gen_random_uuid(), 'running',
                       now(), now(), 'gone-worker', now() - ?::interval""")) {
            insert.setString(1, "2 seconds");
            insert.executeUpdate();
            JsonNode fresh = part(TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data"), "worker heartbeats");
            insert.setString(1, "45 seconds");
            insert.executeUpdate();
            JsonNode late = part(TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data"), "worker heartbeats");

            assertThat(fresh.get("status").asText()).isEqualTo("ok");
            assertThat(fresh.get("detail").asText()).matches("1 runs reported within the last [0-9] s");
            assertThat(late.get("status").asText()).isEqualTo("degraded");
            assertThat(late.get("detail").asText()).matches("a run's worker has not reported for 4[5-9] s; another worker takes it over after 60 s");
        }
    }

    @Test
    void runsPerHourCountEveryEndedRunAndItsFailuresWithEmptyHoursAsZero() throws Exception {
        server = new TestingServer(Map.of());
        Instant now = Instant.now();
        try (Connection connection = server.postgres().connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO jobs (id, organization_id, kind, subject_id, execution_id, state, run_at, created_at, outcome, finished_at)
                SELECT gen_random_uuid(), (SELECT id FROM organizations LIMIT 1), 'test', gen_random_uuid(), gen_random_uuid(), 'finished', ?, ?, ?, ?""")) {
            for (Object[] run : new Object[][] {{"completed", now}, {"failed", now}, {"completed_with_errors", now},
                    {"failed", now.minus(Duration.ofHours(3))}, {"completed", now.minus(Duration.ofDays(3))}}) {
                Timestamp at = Timestamp.from((Instant) run[1]);
                insert.setTimestamp(1, at);
                insert.setTimestamp(2, at);
                insert.setString(3, (String) run[0]);
                insert.setTimestamp(4, at);
                insert.executeUpdate();
            }
        }

        JsonNode hours = TestingServer.json(server.call("GET", "/api/admin/executions/hourly?hours=5", KEY, null)).at("/data");
        HttpResponse<String> tooMany = server.call("GET", "/api/admin/executions/hourly?hours=100000", KEY, null);

        assertThat(hours).hasSize(5);
        assertThat(Instant.parse(hours.get(4).get("hour").asText())).isEqualTo(now.truncatedTo(ChronoUnit.HOURS));
        assertThat(hours.findValuesAsText("executions")).containsExactly("0", "1", "0", "0", "3");
        assertThat(hours.findValuesAsText("failures")).containsExactly("0", "1", "0", "0", "1");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(server.call("GET", "/api/admin/executions/hourly", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void executionLogsAreReadBySyncAndByExecution() {
        server = new TestingServer(Map.of());
        try (TestingPostgres source = new TestingPostgres(); TestingPostgres destination = new TestingPostgres()) {
            source.execute("CREATE TABLE items (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
            source.execute("INSERT INTO items SELECT i, timestamptz '2026-01-01' + i * interval '1 second' FROM generate_series(1, 100) i");
            TestingSyncs syncs = new TestingSyncs(server, TwoOrganizations.create(server).adminA().apiKey());
            String sync = syncs.create("Items", source, destination, "items", "updated_at", "{\"frequency\": \"manual\"}");
            String first = syncs.runToEnd("/api/bulk/syncs/" + sync, "{}").get("id").asText();
            String second = syncs.runToEnd("/api/bulk/syncs/" + sync, "{}").get("id").asText();

            JsonNode firstRun = TestingServer.json(server.call("GET", "/api/admin/logs?execution=" + first, KEY, null)).get("data");
            JsonNode bothRuns = TestingServer.json(server.call("GET", "/api/admin/logs?sync=" + sync, KEY, null)).get("data");
            HttpResponse<String> invalid = server.call("GET", "/api/admin/logs?execution=yesterday", KEY, null);

            assertThat(firstRun.findValuesAsText("execution_id")).isNotEmpty().allMatch(first::equals);
            assertThat(firstRun.findValuesAsText("message")).contains("Execution " + first + " ended: completed")
                    .anyMatch(message -> message.startsWith("Execution " + first + " of bulk_sync " + sync + " started"));
            assertThat(bothRuns.findValuesAsText("sync_id")).allMatch(sync::equals);
            assertThat(bothRuns.findValuesAsText("execution_id")).contains(first, second).allMatch(id -> id.equals(first) || id.equals(second));
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(TestingServer.json(invalid).at("/errors").findValuesAsText("field")).containsExactly("execution");
        }
    }

    private static JsonNode part(JsonNode health, String name) {
        for (JsonNode part : health.get("parts")) {
            if (part.get("name").asText().equals(name)) {
                return part;
            }
        }
        throw new AssertionError("no part " + name + " in " + health);
    }

    private static JsonNode setting(JsonNode settings, String name) {
        for (JsonNode setting : settings) {
            if (setting.get("name").asText().equals(name)) {
                return setting;
            }
        }
        throw new AssertionError("no setting " + name);
    }
}
