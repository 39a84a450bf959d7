package dev.tributary.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Connections, bulk syncs and model syncs on local databases, made and watched through a server's API as one member. */
public record TestingSyncs(TestingServer server, String key) {

    private static final Set<String> ENDED = Set.of("completed", "completed_with_errors", "failed", "canceled");

    /** A PostgreSQL connection to {@code database}; returns its id. */
    public String connection(String name, TestingPostgres database) {
        return created("/api/connections", "{\"name\": \"" + name + "\", \"type\": \"postgresql\", \"configuration\": {\"host\": \""
                + TestingPostgres.HOST + "\", \"port\": " + TestingPostgres.PORT + ", \"database\": \"" + database.database()
                + "\", \"username\": \"" + TestingPostgres.SUPERUSER + "\"}}");
    }

    /** A bulk sync of {@code public.<table>}, incremental by {@code tracking}, with the given schedule (JSON); returns its id. */
    public String create(String name, TestingPostgres source, TestingPostgres destination, String table, String tracking, String schedule) {
        return created("/api/bulk/syncs", "{\"name\": \"" + name + "\", \"source_connection_id\": \"" + connection(name + " source", source)
                + "\", \"destination_connection_id\": \"" + connection(name + " destination", destination) + "\", \"schemas\": [{\"id\":"
                + " \"public." + table + "\", \"tracking_field\": \"" + tracking + "\"}], \"schedule\": " + schedule + "}");
    }

    /** Starts a run; returns its execution id. */
    public String start(String sync) {
        return created("/api/bulk/syncs/" + sync + "/executions", "{}");
    }

    public JsonNode execution(String sync, String execution) {
        return TestingServer.json(server.call("GET", "/api/bulk/syncs/" + sync + "/executions/" + execution, key, null)).at("/data");
    }

    public String status(String sync, String execution) {
        return execution(sync, execution).get("status").asText();
    }

    /** The sync's runs, newest first. */
    public List<JsonNode> executions(String sync) {
        List<JsonNode> executions = new ArrayList<>();
        TestingServer.json(server.call("GET", "/api/bulk/syncs/" + sync + "/executions", key, null)).get("data").forEach(executions::add);
        return executions;
    }

    /**
     * Starts a run of the sync at {@code path} ({@code /api/syncs/ID} or {@code /api/bulk/syncs/ID}) with {@code body}, waits
     * until it has ended, and returns the execution, which must not have failed.
     */
    public JsonNode runToEnd(String path, String body) {
        String id = created(path + "/executions", body);
        await().atMost(Duration.ofMinutes(2)).until(() -> ENDED.contains(run(path, id).get("status").asText()));
        JsonNode execution = run(path, id);
        assertThat(execution.get("status").asText()).as(execution.toString()).isNotEqualTo("failed");
        return execution;
    }

    /** One execution of the sync at {@code path}. */
    public JsonNode run(String path, String execution) {
        return TestingServer.json(server.call("GET", path + "/executions/" + execution, key, null)).at("/data");
    }

    private String created(String path, String body) {
        HttpResponse<String> created = server.call("POST", path, key, body);
        assertThat(created.statusCode()).as(path + ": " + created.body()).isEqualTo(201);
        return TestingServer.json(created).at("/data/id").asText();
    }

    public static long count(TestingPostgres database, String table) {
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A digest of a table's whole content, every column of every row, independent of row order. */
    public static String checksum(TestingPostgres database, String table) {
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table + " t")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
