package dev.tributary.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.http.Json;
import dev.tributary.server.testing.TestingMariaDb;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The SQL runner of a server, driven through its API as one member (their API key). */
public record TestingQueries(TestingServer server, String key) {

    public TestingQueries as(String otherKey) {
        return new TestingQueries(server, otherKey);
    }

    /** A PostgreSQL connection to {@code database}; returns its id. */
    public String postgres(TestingPostgres database) {
        return connection("{\"name\": \"warehouse " + database.database() + "\", \"type\": \"postgresql\", \"configuration\": {\"host\": \""
                + TestingPostgres.HOST + "\", \"port\": " + TestingPostgres.PORT + ", \"database\": \"" + database.database()
                + "\", \"username\": \"" + TestingPostgres.SUPERUSER + "\"}}");
    }

    /** A MariaDB connection to {@code database}; returns its id. */
    public String mariaDb(TestingMariaDb database) {
        return connection("{\"name\": \"shop " + database.database() + "\", \"type\": \"mysql\", \"configuration\": {\"host\": \""
                + TestingMariaDb.HOST + "\", \"port\": " + TestingMariaDb.PORT + ", \"database\": \"" + database.database()
                + "\", \"username\": \"" + TestingMariaDb.USER + "\", \"sslmode\": \"disable\"}}");
    }

    /** A connection made from the JSON body of POST /api/connections; returns its id. */
    public String connection(String body) {
        HttpResponse<String> created = server.call("POST", "/api/connections", key, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestingServer.json(created).at("/data/id").asText();
    }

    public HttpResponse<String> post(String connection, String sql) {
        return server.call("POST", "/api/connections/" + connection + "/query", key, "{\"query\": " + quoted(sql) + "}");
    }

    /** Starts a query; returns its id. */
    public String start(String connection, String sql) {
        HttpResponse<String> started = post(connection, sql);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(TestingServer.json(started).at("/data/status").asText()).isEqualTo("running");
        return TestingServer.json(started).at("/data/id").asText();
    }

    public HttpResponse<String> get(String query, int page) {
        return server.call("GET", "/api/queries/" + query + "?page=" + page, key, null);
    }

    /** Waits for the query to end; returns its first page (the whole response, with data and pagination). */
    public JsonNode finished(String query) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !TestingServer.json(get(query, 1)).at("/data/status").asText().equals("running"));
        return page(query, 1);
    }

    /** Runs a query to its end; returns its first page. */
    public JsonNode run(String connection, String sql) {
        return finished(start(connection, sql));
    }

    public JsonNode page(String query, int page) {
        HttpResponse<String> response = get(query, page);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestingServer.json(response);
    }

    public HttpResponse<String> export(String query, String format) {
        return server.call("POST", "/api/queries/" + query + "/export", key, "{\"format\": \"" + format + "\"}");
    }

    public HttpResponse<String> cancel(String query) {
        return server.call("POST", "/api/queries/" + query + "/cancel", key, null);
    }

    private static String quoted(String text) {
        try {
            return Json.mapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
