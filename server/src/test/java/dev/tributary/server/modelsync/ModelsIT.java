package dev.tributary.server.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingSyncs;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelsIT {

    private final TestingServer server = new TestingServer(Map.of());
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final TestingPostgres source = new TestingPostgres();
    private final String key = people.adminA().apiKey();
    private final String connection;

    ModelsIT() {
        source.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email text, balance numeric(10,2), updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO customers VALUES (1, 'ada@acme.com', 12.50, '2026-01-01T00:00:00Z'), (2, NULL, NULL, '2026-01-02T00:00:00Z')");
        connection = new TestingSyncs(server, key).connection("Warehouse", source);
    }

    @AfterEach
    void stop() {
        server.close();
        source.close();
    }

    @Test
    void aTableModelKeepsItsFieldsAndShowsItsRecords() {
        HttpResponse<String> created = call("POST", "/api/models", "{\"name\": \"Customers\", \"connection_id\": \"" + connection
                + "\", \"configuration\": {\"table\": \"public.customers\"}, \"identifier\": \"id\", \"tracking_columns\": [\"updated_at\"],"
                + " \"labels\": [\"crm\"]}", 201);
        JsonNode model = TestingServer.json(created).get("data");
        String id = model.get("id").asText();

        assertThat(model.get("fields").findValuesAsText("name")).containsExactly("id", "email", "balance", "updated_at");
        assertThat(model.get("fields").findValuesAsText("type")).containsExactly("int64", "string", "decimal(10,2)", "timestamptz");
        assertThat(model.get("identifier").asText()).isEqualTo("id");
        assertThat(model.at("/configuration/table").asText()).isEqualTo("public.customers");

        JsonNode sample = TestingServer.json(call("GET", "/api/models/" + id + "/sample?limit=5", null, 200)).get("data");
        assertThat(sample.get("records")).hasSize(2);
        assertThat(sample.get("records").get(0).get("email").asText()).isEqualTo("ada@acme.com");
        assertThat(sample.get("records").get(1).has("email")).as("NULL shows as null").isTrue();
        assertThat(sample.get("records").get(1).get("email").isNull()).isTrue();

        JsonNode renamed = TestingServer.json(call("PATCH", "/api/models/" + id, "{\"name\": \"Accounts\"}", 200)).get("data");
        assertThat(renamed.get("name").asText()).isEqualTo("Accounts");
        assertThat(renamed.get("identifier").asText()).as("a PATCH keeps what it does not name").isEqualTo("id");
        JsonNode listed = TestingServer.json(call("GET", "/api/models", null, 200)).get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("Accounts");

        call("DELETE", "/api/models/" + id, null, 204);
        call("GET", "/api/models/" + id, null, 404);
    }

    @Test
    void aPreviewRunsAConfigurationWithoutSavingIt() {
        JsonNode preview = TestingServer.json(call("POST", "/api/model-preview", "{\"connection_id\": \"" + connection
                + "\", \"configuration\": {\"table\": \"public.customers\"}, \"limit\": 1}", 200)).get("data");

        assertThat(preview.get("fields")).hasSize(4);
        assertThat(preview.get("records")).hasSize(1);
        assertThat(preview.get("records").get(0).get("id").asLong()).isEqualTo(1);
        assertThat(TestingServer.json(call("GET", "/api/models", null, 200)).get("data")).isEmpty();
        assertThat(fields(call("POST", "/api/model-preview", "{\"connection_id\": \"" + connection
                + "\", \"configuration\": {\"table\": \"public.customers\"}, \"limit\": 5000}", 400))).containsExactly("limit");
    }

    @Test
    void aQueryModelKeepsTheFieldsItsQueryGivesAndABrokenQueryIsExplained() {
        JsonNode model = TestingServer.json(call("POST", "/api/models", "{\"name\": \"Balances\", \"connection_id\": \"" + connection
                + "\", \"configuration\": {\"query\": \"SELECT id, upper(email) AS email, balance * 2 AS doubled FROM customers\"},"
                + " \"identifier\": \"id\"}", 201)).get("data");
        assertThat(model.get("fields").findValuesAsText("name")).containsExactly("id", "email", "doubled");
        assertThat(model.get("fields").findValuesAsText("type").getFirst()).isEqualTo("int64");

        JsonNode sample = TestingServer.json(call("GET", "/api/models/" + model.get("id").asText() + "/sample", null, 200)).get("data");
        assertThat(sample.get("records").get(0).get("email").asText()).isEqualTo("ADA@ACME.COM");
        assertThat(sample.get("records").get(0).get("doubled").decimalValue()).isEqualByComparingTo("25.00");

        HttpResponse<String> broken = call("POST", "/api/models", "{\"name\": \"Broken\", \"connection_id\": \"" + connection
                + "\", \"configuration\": {\"query\": \"SELEC id FROM customers\"}}", 400);
        assertThat(fields(broken)).containsExactly("configuration.query");
        assertThat(TestingServer.json(broken).at("/errors/0/message").asText()).contains("syntax error", "position 1");
        HttpResponse<String> writes = call("POST", "/api/models", "{\"name\": \"Writes\", \"connection_id\": \"" + connection
                + "\", \"configuration\": {\"query\": \"WITH gone AS (DELETE FROM customers RETURNING id) SELECT id FROM gone\"}}", 400);
        assertThat(fields(writes)).containsExactly("configuration.query");
        assertThat(TestingServer.json(call("GET", "/api/models", null, 200)).get("data")).hasSize(1);
        assertThat(source.query("SELECT id FROM customers")).as("the hidden delete did not run").hasSize(2);
    }

    @Test
    void badModelsAreRefusedNamingTheField() {
        assertThat(fields(call("POST", "/api/models", "{\"connection_id\": \"" + connection + "\", \"configuration\": {\"table\": \"public.nothing\"},"
                + " \"identifier\": \"id\"}", 400))).containsExactly("name", "configuration.table");
        assertThat(fields(call("POST", "/api/models", "{\"name\": \"X\", \"configuration\": {\"table\": \"public.customers\"}}", 400)))
                .containsExactly("connection_id");
        assertThat(fields(call("POST", "/api/models", "{\"name\": \"X\", \"connection_id\": \"" + connection + "\", \"configuration\": {\"sheet\": 1}}",
                400))).containsExactly("configuration");
        HttpResponse<String> unknownFields = call("POST", "/api/models", "{\"name\": \"X\", \"connection_id\": \"" + connection
                + "\", \"configuration\": {\"table\": \"public.customers\"}, \"identifier\": \"customer_id\", \"tracking_columns\": [\"updated_at\","
                + " \"changed\"]}", 400);
        assertThat(fields(unknownFields)).containsExactly("identifier", "tracking_columns[1]");
        assertThat(unknownFields.body()).contains("its fields are id, email, balance, updated_at");
        assertThat(fields(call("POST", "/api/models", "{\"name\": \"X\", \"connection_id\": \"" + people.adminB().connectionId()
                + "\", \"configuration\": {\"table\": \"public.customers\"}}", 400))).as("another organization's connection").containsExactly("connection_id");
    }

    private HttpResponse<String> call(String method, String path, String body, int expected) {
        HttpResponse<String> response = server.call(method, path, key, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response;
    }

    private static List<String> fields(HttpResponse<String> refused) {
        assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
        return TestingServer.json(refused).at("/errors").findValuesAsText("field");
    }
}
