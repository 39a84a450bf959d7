package dev.tributary.server.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.connect.http.TestingHttpEndpoint;
import dev.tributary.server.connect.http.TestingHttpEndpoint.Reply;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingSyncs;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A model sync into an HTTP API: one request per record, the endpoint's refusals reported per record. */
class ModelSyncHttpIT {

    private final TestingServer server = new TestingServer(Map.of());
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final TestingPostgres source = new TestingPostgres();
    private final TestingHttpEndpoint endpoint;
    private final String key = people.adminA().apiKey();
    private final TestingSyncs syncs = new TestingSyncs(server, key);
    private final String model;
    private final String to;

    ModelSyncHttpIT() throws Exception {
        endpoint = new TestingHttpEndpoint();
        source.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email text)");
        source.execute("INSERT INTO customers SELECT i, 'user' || i || '@acme.com' FROM generate_series(1, 5) i");
        HttpResponse<String> model = server.call("POST", "/api/models", key, "{\"name\": \"Customers\", \"connection_id\": \""
                + syncs.connection("Warehouse", source) + "\", \"configuration\": {\"table\": \"public.customers\"}}");
        assertThat(model.statusCode()).as(model.body()).isEqualTo(201);
        this.model = TestingServer.json(model).at("/data/id").asText();
        HttpResponse<String> api = server.call("POST", "/api/connections", key, "{\"name\": \"CRM API\", \"type\": \"http\", \"configuration\":"
                + " {\"url\": \"" + endpoint.url() + "\", \"max_retries\": 0}}");
        assertThat(api.statusCode()).as(api.body()).isEqualTo(201);
        to = TestingServer.json(api).at("/data/id").asText();
    }

    @AfterEach
    void stop() {
        endpoint.close();
        server.close();
        source.close();
    }

    @Test
    void createSendsEachRecordAndTheEndpointsRefusalIsThatRecordsError() {
        endpoint.reply(Reply.of(201, "{}"), Reply.of(422, "{\"error\": \"email is on the block list\"}"));
        String sync = sync("create");

        JsonNode run = syncs.runToEnd("/api/syncs/" + sync, null);

        assertThat(run.get("status").asText()).isEqualTo("completed_with_errors");
        assertThat(run.get("inserts").asLong()).isEqualTo(4);
        assertThat(run.get("errors").asLong()).isEqualTo(1);
        List<TestingHttpEndpoint.Received> received = posts();
        assertThat(received).hasSize(5);
        assertThat(received.stream().map(request -> request.body().get("email").asText()).sorted().toList())
                .containsExactly("user1@acme.com", "user2@acme.com", "user3@acme.com", "user4@acme.com", "user5@acme.com");

        JsonNode again = syncs.runToEnd("/api/syncs/" + sync, null);
        assertThat(again.get("inserts").asLong()).as("only the refused record is tried again").isEqualTo(1);
        assertThat(posts()).hasSize(6);
    }

    @Test
    void aModeTheEndpointDoesNotTakeIsRefusedNamingTheModesItTakes() {
        HttpResponse<String> refused = server.call("POST", "/api/syncs", key, body("replace"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(TestingServer.json(refused).at("/errors").findValuesAsText("field")).containsExactly("mode");
        assertThat(TestingServer.json(refused).at("/errors/0/message").asText()).contains("does not take replace", "updateOrCreate");
    }

    /** The records sent (the connection's own check when it was saved is a HEAD request). */
    private List<TestingHttpEndpoint.Received> posts() {
        return endpoint.received().stream().filter(request -> request.method().equals("POST")).toList();
    }

    private String sync(String mode) {
        HttpResponse<String> sync = server.call("POST", "/api/syncs", key, body(mode));
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(201);
        return TestingServer.json(sync).at("/data/id").asText();
    }

    private String body(String mode) {
        return "{\"name\": \"To the CRM\", \"mode\": \"" + mode + "\", \"target\": {\"connection_id\": \"" + to + "\", \"object\": \"/records\"},"
                + " \"identity\": {\"source\": {\"model_id\": \"" + model + "\", \"field\": \"id\"}, \"target\": \"id\"}, \"fields\": [{\"source\":"
                + " {\"model_id\": \"" + model + "\", \"field\": \"email\"}, \"target\": \"email\"}]}";
    }
}
