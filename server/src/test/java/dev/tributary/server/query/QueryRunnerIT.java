package dev.tributary.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingOrganization;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL runner against a real PostgreSQL: paging, the row cap, read-only safety, errors, cancel, time limit, access and expiry. */
class QueryRunnerIT {

    private static final int ROWS = 3000;
    private static final int ROW_LIMIT = 2500;

    private static final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private static TestingServer server;
    private static TestingPostgres source;
    private static TestingOrganization organization;
    private static TestingQueries member;
    private static TestingQueries admin;
    private static String connection;

    @BeforeAll
    static void start() {
        server = new TestingServer(Map.of("QUERY_ROW_LIMIT", Integer.toString(ROW_LIMIT), "QUERY_TIMEOUT", "5", "QUERY_WORKERS", "2",
                "QUERY_RUNNER_EXCLUDE", "mysql"), clock);
        source = new TestingPostgres();
        source.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text, amount numeric(12,2), day date)");
        source.execute("INSERT INTO items SELECT i, 'item ' || i, i / 4.0, date '2024-01-01' + (i % 365) FROM generate_series(1, " + ROWS + ") i");
        source.execute("CREATE FUNCTION add_item(new_id bigint) RETURNS bigint LANGUAGE plpgsql AS $$"
                + " BEGIN INSERT INTO items (id) VALUES (new_id); RETURN new_id; END $$");
        organization = TestingOrganization.create(server);
        admin = new TestingQueries(server, organization.adminKey());
        member = new TestingQueries(server, organization.memberKey());
        connection = admin.postgres(source);
    }

    @AfterAll
    static void stop() {
        server.close();
        source.close();
    }

    @Test
    void aQueryRunsInTheBackgroundAndItsResultIsReadPageByPageWithTypedFields() {
        String query = member.start(connection, "SELECT id, name, amount, day FROM items WHERE id <= 2100 ORDER BY id");

        JsonNode first = member.finished(query);
        assertThat(first.at("/data/status").asText()).isEqualTo("completed");
        assertThat(first.at("/data/count").asLong()).isEqualTo(2100);
        assertThat(first.at("/data/truncated").asBoolean()).isFalse();
        assertThat(first.at("/data/fields").toString()).isEqualTo("[{\"name\":\"id\",\"type\":\"int64\"},{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"amount\",\"type\":\"decimal(12,2)\"},{\"name\":\"day\",\"type\":\"date\"}]");
        assertThat(first.at("/data/results")).hasSize(1000);
        assertThat(first.at("/data/results/0").toString()).isEqualTo("{\"id\":1,\"name\":\"item 1\",\"amount\":0.25,\"day\":\"2024-01-02\"}");
        assertThat(first.at("/pagination").toString()).isEqualTo("{\"page\":1,\"pages\":3,\"next_page\":2}");

        JsonNode second = member.page(query, 2);
        assertThat(second.at("/data/results/0/id").asLong()).isEqualTo(1001);
        assertThat(second.at("/data/results/999/id").asLong()).isEqualTo(2000);
        JsonNode last = member.page(query, 3);
        assertThat(last.at("/data/results")).hasSize(100);
        assertThat(last.at("/data/results/99/id").asLong()).isEqualTo(2100);
        assertThat(last.at("/pagination/next_page").isMissingNode() || last.at("/pagination/next_page").isNull()).isTrue();

        HttpResponse<String> beyond = member.get(query, 4);
        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(beyond).at("/errors/0/field").asText()).isEqualTo("page");
    }

    @Test
    void aResultLongerThanTheRowLimitKeepsTheLimitAndSaysItWasCut() {
        JsonNode result = member.run(connection, "SELECT id FROM items ORDER BY id");

        assertThat(result.at("/data/status").asText()).isEqualTo("completed");
        assertThat(result.at("/data/count").asLong()).isEqualTo(ROW_LIMIT);
        assertThat(result.at("/data/truncated").asBoolean()).isTrue();
        assertThat(result.at("/pagination/pages").asInt()).isEqualTo(3);
        assertThat(member.page(result.at("/data/id").asText(), 3).at("/data/results/499/id").asLong()).isEqualTo(ROW_LIMIT);
    }

    @Test
    void repeatedColumnNamesGetASuffixSoThatNoValueIsLost() {
        JsonNode result = member.run(connection, "SELECT 1 AS n, 2 AS n, NULL::text AS nothing");

        assertThat(result.at("/data/results/0").toString()).isEqualTo("{\"n\":1,\"n_2\":2,\"nothing\":null}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO items (id) VALUES (999999)",
        "UPDATE items SET name = 'changed'",
        "DROP TABLE items",
        "WITH gone AS (DELETE FROM items RETURNING *) SELECT count(*) FROM gone",
        "SELECT add_item(999999)"})
    void aStatementThatWouldChangeDataFailsInTheReadOnlyTransaction(String sql) {
        JsonNode result = member.run(connection, sql);

        assertThat(result.at("/data/status").asText()).isEqualTo("failed");
        assertThat(result.at("/data/error").asText()).contains("read-only transaction")
                .contains("The SQL runner runs every query in a read-only transaction");
        assertThat(source.query("SELECT count(*) AS n, count(*) FILTER (WHERE name = 'changed') AS changed FROM items"))
                .containsExactly(Map.of("n", (long) ROWS, "changed", 0L));
    }

    @Test
    void severalStatementsAreRefusedSoThatNoneRunsOutsideTheReadOnlyTransaction() {
        JsonNode result = member.run(connection, "SELECT 1; COMMIT; DROP TABLE items");

        assertThat(result.at("/data/status").asText()).isEqualTo("failed");
        assertThat(result.at("/data/error").asText()).isEqualTo("The query holds 3 statements; the SQL runner runs one statement at a time");
        assertThat(source.query("SELECT count(*) AS n FROM items")).containsExactly(Map.of("n", (long) ROWS));
    }

    @Test
    void aBrokenQueryFailsWithTheDatabasesMessageAndWhereItPoints() {
        assertThat(member.run(connection, "SELEC 1").at("/data/error").asText()).isEqualTo("syntax error at or near \"SELEC\" (position 1)");
        assertThat(member.run(connection, "SELECT nope FROM items").at("/data/error").asText())
                .isEqualTo("column \"nope\" does not exist (position 8)");
    }

    @Test
    void aQueryLongerThanTheTimeLimitIsStoppedByTheDatabase() {
        JsonNode result = member.run(connection, "SELECT pg_sleep(60)");

        assertThat(result.at("/data/status").asText()).isEqualTo("failed");
        assertThat(result.at("/data/error").asText()).startsWith("The query ran longer than QUERY_TIMEOUT (5 s) and the database stopped it;");
    }

    @Test
    void aCanceledQueryIsStoppedInTheDatabase() throws SQLException {
        try (Connection locker = source.connect(); Statement lock = locker.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(7)");
            String query = member.start(connection, "SELECT pg_advisory_xact_lock(7)");
            await().atMost(Duration.ofSeconds(4)).until(() -> waitingOnLocks() == 1);

            HttpResponse<String> canceled = member.cancel(query);

            assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
            assertThat(TestingServer.json(canceled).at("/data/status").asText()).isEqualTo("canceled");
            await().atMost(Duration.ofSeconds(4)).until(() -> waitingOnLocks() == 0);
            assertThat(member.finished(query).at("/data/status").asText()).isEqualTo("canceled");
            assertThat(member.cancel(query).statusCode()).isEqualTo(409);
        }
    }

    @Test
    void queryWorkersBoundHowManyQueriesRunAtOnce() throws SQLException {
        try (Connection locker = source.connect(); Statement lock = locker.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(42)");
            List<String> queries = List.of(member.start(connection, "SELECT pg_advisory_xact_lock_shared(42)"),
                    member.start(connection, "SELECT pg_advisory_xact_lock_shared(42)"),
                    member.start(connection, "SELECT pg_advisory_xact_lock_shared(42)"));

            await().atMost(Duration.ofSeconds(4)).until(() -> waitingOnLocks() == 2);
            // Both workers are blocked, so the third query has not even connected.
            assertThat(source.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name = 'tributary'")).containsExactly(Map.of("n", 2L));

            lock.execute("SELECT pg_advisory_unlock(42)");
            for (String query : queries) {
                assertThat(member.finished(query).at("/data/status").asText()).isEqualTo("completed");
            }
        }
    }

    @Test
    void onlyTheMemberWhoRanAQueryAndTheAdminsSeeIt() {
        String query = member.run(connection, "SELECT 1 AS one").at("/data/id").asText();
        TestingQueries colleague = member.as(organization.member("colleague-" + query.substring(0, 8) + "@example.com", "user"));

        for (HttpResponse<String> refused : List.of(colleague.get(query, 1), colleague.cancel(query), colleague.export(query, "csv"))) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
            assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
        }
        assertThat(admin.page(query, 1).at("/data/results/0/one").asInt()).isEqualTo(1);
    }

    @Test
    void aMemberWhoseRoleMayNotQueryTheConnectionIsRefused() {
        String role = TestingServer.json(server.call("POST", "/api/permissions/roles", organization.adminKey(), "{\"name\": \"viewer\"}"))
                .at("/data/id").asText();
        assertThat(role).isNotEmpty();
        TestingQueries viewer = member.as(organization.member("viewer@example.com", "viewer"));

        HttpResponse<String> refused = viewer.post(connection, "SELECT 1");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestingServer.json(refused).at("/detail").asText()).isEqualTo("Your role 'viewer' may not query this connection."
                + " An admin can grant it with a policy (/api/permissions/policies).");
    }

    @Test
    void exportingNeedsTheExportActionBesidesQuery() {
        String role = TestingServer.json(server.call("POST", "/api/permissions/roles", organization.adminKey(), "{\"name\": \"analyst\"}"))
                .at("/data/id").asText();
        String policy = TestingServer.json(server.call("POST", "/api/permissions/policies", organization.adminKey(),
                "{\"name\": \"Analysts query\", \"policy_actions\": [{\"action\": \"query\", \"role_ids\": [\"" + role + "\"]}]}"))
                .at("/data/id").asText();
        String governed = admin.connection("{\"name\": \"governed\", \"type\": \"postgresql\", \"policies\": [\"" + policy + "\"],"
                + " \"configuration\": {\"host\": \"" + TestingPostgres.HOST + "\", \"database\": \"" + source.database()
                + "\", \"username\": \"" + TestingPostgres.SUPERUSER + "\"}}");
        TestingQueries analyst = member.as(organization.member("analyst@example.com", "analyst"));

        String query = analyst.run(governed, "SELECT 1 AS one").at("/data/id").asText();
        HttpResponse<String> refused = analyst.export(query, "csv");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestingServer.json(refused).at("/detail").asText()).startsWith("Your role 'analyst' may not export this connection.");
    }

    @Test
    void connectionTypesHiddenFromTheRunnerOrWithoutSqlAreRefusedByName() {
        String mysql = admin.connection("{\"name\": \"shop\", \"type\": \"mysql\", \"validate\": false, \"configuration\": {\"host\": \"127.0.0.1\","
                + " \"database\": \"shop\", \"username\": \"root\"}}");
        String http = admin.connection("{\"name\": \"hook\", \"type\": \"http\", \"validate\": false, \"configuration\": {\"url\":"
                + " \"https://hooks.example.com/in\"}}");

        HttpResponse<String> hidden = admin.post(mysql, "SELECT 1");
        HttpResponse<String> unsupported = admin.post(http, "SELECT 1");

        assertThat(hidden.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(hidden).at("/detail").asText()).isEqualTo("The SQL runner is turned off on this server for connections"
                + " of type 'mysql' (QUERY_RUNNER_EXCLUDE); query a connection of another type, or ask the operator.");
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(unsupported).at("/detail").asText()).isEqualTo("Connections of type 'http' (HTTP endpoint) cannot run SQL"
                + " queries; the SQL runner works with connections of type postgresql.");
    }

    @Test
    void anEmptyQueryIsRefusedNamingTheField() {
        HttpResponse<String> refused = member.post(connection, "  ");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(refused).at("/errors/0/field").asText()).isEqualTo("query");
    }

    @Test
    void queriesExpireAfterADayAndArePurgedWithTheirExports() {
        String query = member.run(connection, "SELECT id FROM items WHERE id <= 3").at("/data/id").asText();
        HttpResponse<String> exported = member.export(query, "csv");
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        assertThat(server.server().queries().exports().list("queries/" + query + "/")).hasSize(1);

        clock.advance(Duration.ofHours(24));

        assertThat(member.get(query, 1).statusCode()).isEqualTo(404);
        assertThat(server.server().queries().purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(server.postgres().query("SELECT count(*) AS n FROM queries WHERE id = '" + query + "'")).containsExactly(Map.of("n", 0L));
        assertThat(server.postgres().query("SELECT count(*) AS n FROM query_result_pages WHERE query_id = '" + query + "'"))
                .containsExactly(Map.of("n", 0L));
        assertThat(server.server().queries().exports().list("queries/" + query + "/")).isEmpty();
    }

    /** Backends of the source database waiting for a lock, other than this test's own. */
    private static long waitingOnLocks() {
        return (long) source.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()").getFirst().get("n");
    }
}
