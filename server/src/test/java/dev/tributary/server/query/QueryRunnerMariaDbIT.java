package dev.tributary.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.TestingMariaDb;
import dev.tributary.server.testing.TestingOrganization;
import dev.tributary.server.testing.TestingServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL runner against a real MariaDB: paging, the row cap, read-only safety (DDL included), errors, cancel and the time limit. */
class QueryRunnerMariaDbIT {

    private static TestingServer server;
    private static TestingMariaDb shop;
    private static TestingQueries member;
    private static String connection;

    @BeforeAll
    static void start() {
        server = new TestingServer(Map.of("QUERY_ROW_LIMIT", "1200", "QUERY_TIMEOUT", "3"));
        shop = new TestingMariaDb();
        shop.execute("CREATE TABLE orders (id int PRIMARY KEY, note varchar(50), price decimal(10,2))");
        shop.execute("INSERT INTO orders SELECT seq, CONCAT('order ', seq), seq / 4 FROM seq_1_to_1500");
        shop.execute("CREATE FUNCTION add_order(new_id int) RETURNS int MODIFIES SQL DATA"
                + " BEGIN INSERT INTO orders (id) VALUES (new_id); RETURN new_id; END");
        TestingOrganization organization = TestingOrganization.create(server);
        member = new TestingQueries(server, organization.memberKey());
        connection = new TestingQueries(server, organization.adminKey()).mariaDb(shop);
    }

    @AfterAll
    static void stop() {
        server.close();
        shop.close();
    }

    @Test
    void theResultIsPagedAndCutAtTheRowLimit() {
        JsonNode first = member.run(connection, "SELECT id, note, price FROM orders ORDER BY id");

        assertThat(first.at("/data/status").asText()).isEqualTo("completed");
        assertThat(first.at("/data/count").asLong()).isEqualTo(1200);
        assertThat(first.at("/data/truncated").asBoolean()).isTrue();
        assertThat(first.at("/data/fields").toString()).isEqualTo("[{\"name\":\"id\",\"type\":\"int32\"},{\"name\":\"note\",\"type\":\"string\"},"
                + "{\"name\":\"price\",\"type\":\"decimal(10,2)\"}]");
        assertThat(first.at("/data/results/0").toString()).isEqualTo("{\"id\":1,\"note\":\"order 1\",\"price\":0.25}");
        assertThat(first.at("/pagination").toString()).isEqualTo("{\"page\":1,\"pages\":2,\"next_page\":2}");
        JsonNode second = member.page(first.at("/data/id").asText(), 2);
        assertThat(second.at("/data/results")).hasSize(200);
        assertThat(second.at("/data/results/199/id").asInt()).isEqualTo(1200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO orders (id) VALUES (999999)",
        "UPDATE orders SET note = 'changed'",
        "DROP TABLE orders",
        "CREATE TABLE intruder (id int)",
        "SELECT add_order(999999)"})
    void aStatementThatWouldChangeDataFailsInTheReadOnlySession(String sql) {
        JsonNode result = member.run(connection, sql);

        assertThat(result.at("/data/status").asText()).isEqualTo("failed");
        assertThat(result.at("/data/error").asText()).isEqualTo("Cannot execute statement in a READ ONLY transaction."
                + " The SQL runner runs every query in a read-only transaction: it reads data and never changes it");
        assertThat(count("SELECT count(*) FROM orders WHERE note = 'changed' OR id = 999999")).isZero();
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(1500);
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'intruder'")).isZero();
    }

    @Test
    void aSecondStatementIsNeverRun() {
        JsonNode result = member.run(connection, "SELECT 1; DROP TABLE orders");

        assertThat(result.at("/data/status").asText()).isEqualTo("failed");
        assertThat(result.at("/data/error").asText()).startsWith("You have an error in your SQL syntax;");
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(1500);
    }

    @Test
    void aBrokenQueryFailsWithTheDatabasesMessageAndWhereItPoints() {
        assertThat(member.run(connection, "SELEC 1").at("/data/error").asText()).isEqualTo("You have an error in your SQL syntax; check the manual"
                + " that corresponds to your MariaDB server version for the right syntax to use near 'SELEC 1' at line 1");
    }

    @Test
    void aQueryLongerThanTheTimeLimitIsStoppedByTheDatabase() {
        JsonNode result = member.run(connection, "SELECT SLEEP(60)");

        assertThat(result.at("/data/status").asText()).isEqualTo("failed");
        assertThat(result.at("/data/error").asText()).startsWith("The query ran longer than QUERY_TIMEOUT (3 s) and the database stopped it;");
    }

    @Test
    void aCanceledQueryIsStoppedInTheDatabase() throws SQLException {
        try (Connection locker = shop.connect(); Statement lock = locker.createStatement()) {
            lock.execute("SELECT GET_LOCK('busy', 10)");
            String query = member.start(connection, "SELECT GET_LOCK('busy', 30)");
            await().atMost(Duration.ofSeconds(2)).until(() -> waitingForLock() == 1);

            HttpResponse<String> canceled = member.cancel(query);

            assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(2)).until(() -> waitingForLock() == 0);
            assertThat(member.finished(query).at("/data/status").asText()).isEqualTo("canceled");
        }
    }

    private static long waitingForLock() {
        return count("SELECT count(*) FROM information_schema.processlist WHERE state = 'User lock'");
    }

    private static long count(String sql) {
        try (Connection connection = shop.connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
