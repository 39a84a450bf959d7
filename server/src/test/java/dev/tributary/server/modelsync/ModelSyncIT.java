package dev.tributary.server.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingSyncs;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Model syncs PostgreSQL to PostgreSQL through the API: each run sends what changed since the last, as its mode says. */
class ModelSyncIT {

    private final TestingServer server = new TestingServer(Map.of("SYNC_BATCH_SIZE", "100"));
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final TestingPostgres source = new TestingPostgres();
    private final TestingPostgres destination = new TestingPostgres();
    private final String key = people.adminA().apiKey();
    private final TestingSyncs syncs = new TestingSyncs(server, key);
    private final String from = syncs.connection("Warehouse", source);
    private final String to = syncs.connection("CRM", destination);

    ModelSyncIT() {
        source.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email text, name text, plan text)");
        source.execute("INSERT INTO customers SELECT i, 'user' || i || '@acme.com', 'User ' || i, 'free' FROM generate_series(1, 1000) i");
        destination.execute("CREATE TABLE contacts (contact_id bigint PRIMARY KEY, email text CHECK (email LIKE '%@%'), full_name text,"
                + " plan text)");
    }

    @AfterEach
    void stop() {
        server.close();
        source.close();
        destination.close();
    }

    @Test
    void updateOrCreateSendsOnlyWhatChangedAndNeverOverwritesACreateOnlyField() throws Exception {
        String sync = sync("updateOrCreate", "");

        JsonNode first = run(sync, "{}");
        assertThat(counts(first)).containsExactly(1000L, 1000L, 0L, 0L, 0L);
        assertThat(destinationRows()).hasSize(1000).contains("1 user1@acme.com User 1 free");
        assertThat(first.get("upserts").asLong()).as("sent as upserts").isEqualTo(1000);

        source.execute("UPDATE customers SET name = 'Renamed ' || id, plan = 'pro' WHERE id <= 10");
        source.execute("INSERT INTO customers SELECT i, 'user' || i || '@acme.com', 'User ' || i, 'free' FROM generate_series(1001, 1005) i");
        source.execute("DELETE FROM customers WHERE id BETWEEN 500 AND 502");
        JsonNode dryRun = run(sync, "{\"test\": true}");
        assertThat(counts(dryRun)).as("a dry run counts what it would do").containsExactly(1002L, 5L, 10L, 0L, 0L);
        assertThat(recordLog(sync, dryRun.get("id").asText(), "inserts")).as("and says which records")
                .hasSize(5).anyMatch(line -> line.contains("\"contact_id\":1005") && line.contains("user1005@acme.com"));
        assertThat(destinationRows()).as("and writes nothing").hasSize(1000).contains("1 user1@acme.com User 1 free");

        JsonNode second = run(sync, "{}");
        assertThat(counts(second)).containsExactly(1002L, 5L, 10L, 0L, 0L);
        assertThat(destinationRows()).hasSize(1005)
                .contains("1 user1@acme.com Renamed 1 free", "1005 user1005@acme.com User 1005 free", "500 user500@acme.com User 500 free");

        String modelId = TestingServer.json(server.call("GET", "/api/syncs/" + sync, key, null)).at("/data/identity/source/model_id").asText();
        HttpResponse<String> inUse = server.call("DELETE", "/api/models/" + modelId, key, null);
        assertThat(inUse.statusCode()).as(inUse.body()).isEqualTo(409);
        assertThat(TestingServer.json(inUse).get("detail").asText()).contains("model syncs");

        JsonNode third = run(sync, "{}");
        assertThat(counts(third)).as("nothing changed").containsExactly(1002L, 0L, 0L, 0L, 0L);

        JsonNode resync = run(sync, "{\"resync\": true}");
        assertThat(counts(resync)).as("a resync sends everything").containsExactly(1002L, 0L, 1002L, 0L, 0L);
    }

    @Test
    void aChangedMappingStartsOverWithAFullSync() throws Exception {
        String sync = sync("updateOrCreate", "");
        run(sync, "{}");

        HttpResponse<String> changed = server.call("PATCH", "/api/syncs/" + sync, key, "{\"mode\": \"update\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode afterChange = run(sync, "{}");

        assertThat(counts(afterChange)).as("every record is sent again under the new mapping").containsExactly(1000L, 0L, 1000L, 0L, 0L);
    }

    @Test
    void skippingTheInitialBackfillSendsOnlyLaterChanges() throws Exception {
        String sync = sync("updateOrCreate", ", \"skip_initial_backfill\": true");

        JsonNode first = run(sync, "{}");
        assertThat(counts(first)).containsExactly(1000L, 0L, 0L, 0L, 0L);
        assertThat(destinationRows()).isEmpty();

        source.execute("UPDATE customers SET name = 'Changed' WHERE id IN (1, 2, 3)");
        JsonNode second = run(sync, "{}");
        assertThat(counts(second)).as("the destination lacked them, so they are inserted").containsExactly(1000L, 3L, 0L, 0L, 0L);
        assertThat(destinationRows()).containsExactly("1 user1@acme.com Changed free", "2 user2@acme.com Changed free",
                "3 user3@acme.com Changed free");
    }

    @Test
    void aWorkspaceThatTurnsRecordLoggingOffKeepsNoLogs() {
        HttpResponse<String> off = server.call("PUT", "/api/organizations/" + people.adminA().organizationId(), key,
                "{\"name\": \"Alpha\", \"record_logging\": false}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(TestingServer.json(off).at("/data/record_logging").asBoolean()).isFalse();
        String sync = sync("updateOrCreate", "");

        JsonNode run = run(sync, "{}");

        HttpResponse<String> log = server.call("GET", "/api/syncs/" + sync + "/executions/" + run.get("id").asText() + "/inserts", key, null);
        assertThat(log.statusCode()).isEqualTo(404);
        assertThat(server.call("GET", "/api/syncs/" + sync + "/executions/" + run.get("id").asText() + "/everything", key, null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void replaceMakesTheDestinationEqualToTheModel() throws Exception {
        destination.execute("INSERT INTO contacts VALUES (5000, 'stale@old.com', 'Stale', 'free'), (1, 'old@old.com', 'Old', 'old')");
        String sync = sync("replace", "");

        JsonNode first = run(sync, "{}");
        assertThat(first.get("status").asText()).isEqualTo("completed");
        assertThat(first.get("deletes").asLong()).as("the record the model does not have").isEqualTo(1);
        assertThat(destinationRows()).hasSize(1000).contains("1 user1@acme.com User 1 old").noneMatch(row -> row.startsWith("5000 "));

        source.execute("DELETE FROM customers WHERE id > 990");
        JsonNode second = run(sync, "{}");
        assertThat(counts(second)).containsExactly(990L, 0L, 0L, 10L, 0L);
        assertThat(destinationRows()).hasSize(990);
    }

    @Test
    void recordsTheDestinationRefusesAreReportedAndTriedAgainNextRun() throws Exception {
        source.execute("UPDATE customers SET email = 'not-an-email' WHERE id IN (7, 8)");
        String sync = sync("updateOrCreate", "");

        JsonNode first = run(sync, "{}");
        assertThat(first.get("status").asText()).isEqualTo("completed_with_errors");
        assertThat(counts(first)).containsExactly(1000L, 998L, 0L, 0L, 2L);
        assertThat(destinationRows()).hasSize(998);

        List<String> errors = recordLog(sync, first.get("id").asText(), "errors");
        assertThat(errors).hasSize(2).allMatch(line -> line.contains("not-an-email") && line.contains("contacts_email_check"));
        assertThat(recordLog(sync, first.get("id").asText(), "inserts")).hasSize(998);

        source.execute("UPDATE customers SET email = 'fixed' || id || '@acme.com' WHERE id IN (7, 8)");
        JsonNode second = run(sync, "{}");
        assertThat(second.get("status").asText()).isEqualTo("completed");
        assertThat(counts(second)).as("only the refused records, now fixed").containsExactly(1000L, 2L, 0L, 0L, 0L);
        assertThat(destinationRows()).hasSize(1000).contains("7 fixed7@acme.com User 7 free");
    }

    @Test
    void filtersAndOverridesShapeWhatIsSent() throws Exception {
        source.execute("UPDATE customers SET plan = 'pro' WHERE id <= 20");
        source.execute("UPDATE customers SET name = NULL WHERE id = 3");
        String sync = sync("updateOrCreate", ", \"filters\": [{\"field\": \"plan\", \"function\": \"Equality\", \"value\": \"pro\"},"
                + " {\"field\": \"id\", \"function\": \"LessThanEqual\", \"value\": 5}, {\"field\": \"id\", \"function\": \"Equality\", \"value\": 999}],"
                + " \"filter_logic\": \"(1 AND 2) OR 3\", \"overrides\": [{\"field\": \"name\", \"function\": \"IsNull\", \"override\": \"Unknown\"}]");

        JsonNode run = run(sync, "{}");

        assertThat(counts(run)).containsExactly(6L, 6L, 0L, 0L, 0L);
        assertThat(destinationRows()).containsExactly("1 user1@acme.com User 1 pro", "2 user2@acme.com User 2 pro", "3 user3@acme.com Unknown pro",
                "4 user4@acme.com User 4 pro", "5 user5@acme.com User 5 pro", "999 user999@acme.com User 999 free");
    }

    @Test
    void aQueryModelSyncsItsComputedFields() throws Exception {
        HttpResponse<String> created = server.call("POST", "/api/models", key, "{\"name\": \"Pro\", \"connection_id\": \"" + from
                + "\", \"configuration\": {\"query\": \"SELECT id, lower(email) AS email, 'Customer ' || id AS label FROM customers WHERE id % 100 = 0\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String model = TestingServer.json(created).at("/data/id").asText();
        HttpResponse<String> sync = server.call("POST", "/api/syncs", key, "{\"name\": \"Labels\", \"mode\": \"updateOrCreate\", \"target\":"
                + " {\"connection_id\": \"" + to + "\", \"object\": \"contacts\"}, \"identity\": {\"source\": {\"model_id\": \"" + model
                + "\", \"field\": \"id\"}, \"target\": \"contact_id\"}, \"fields\": [" + field(model, "email", "email", null) + ", "
                + field(model, "label", "full_name", null) + ", {\"override_value\": \"enterprise\", \"target\": \"plan\"}]}");
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(201);

        JsonNode run = run(TestingServer.json(sync).at("/data/id").asText(), "{}");

        assertThat(counts(run)).containsExactly(10L, 10L, 0L, 0L, 0L);
        assertThat(destinationRows()).hasSize(10).contains("100 user100@acme.com Customer 100 enterprise");
    }

    @Test
    void theMappingEditorSeesTheTargetAndBadSyncsAreRefusedNamingTheProblem() {
        JsonNode objects = TestingServer.json(server.call("GET", "/api/connections/" + to + "/modelsync/targetobjects", key, null)).get("data");
        assertThat(objects.findValuesAsText("id")).contains("contacts");
        JsonNode target = TestingServer.json(server.call("GET", "/api/connections/" + to + "/modelsync/target?target=contacts", key, null)).get("data");
        assertThat(target.get("fields").findValuesAsText("name")).containsExactly("contact_id", "email", "full_name", "plan");
        assertThat(target.get("fields").get(1).get("identity_functions").toString()).isEqualTo("[\"CaseInsensitiveEquality\",\"Equality\"]");

        String model = model();
        assertThat(refused("{\"name\": \"Bad\", \"mode\": \"updateOrCreate\", \"target\": {\"connection_id\": \"" + to + "\", \"object\": \"contacts\"},"
                + " \"identity\": {\"source\": {\"model_id\": \"" + model + "\", \"field\": \"id\"}, \"target\": \"nope\"}, \"fields\": [{\"source\":"
                + " {\"model_id\": \"" + model + "\", \"field\": \"surname\"}, \"target\": \"full_name\"}], \"filters\": [{\"field\": \"id\","
                + " \"function\": \"IsNull\"}], \"filter_logic\": \"1 OR\"}"))
                .containsExactly("identity.target", "fields[0].source.field", "filter_logic");
        assertThat(refused("{\"name\": \"Bad\", \"mode\": \"updateOrCreate\", \"target\": {\"connection_id\": \"" + to + "\", \"object\": \"contacts\"},"
                + " \"fields\": [{\"source\": {\"model_id\": \"" + model + "\", \"field\": \"name\"}, \"target\": \"full_name\"}]}"))
                .as("identity missing").containsExactly("identity");
        assertThat(refused("{\"name\": \"Bad\", \"mode\": \"sometimes\", \"target\": {\"connection_id\": \"" + to + "\", \"object\": \"leads\"},"
                + " \"identity\": {\"source\": {\"model_id\": \"" + model + "\", \"field\": \"id\"}, \"target\": \"contact_id\"}}"))
                .containsExactly("mode", "target.object");
    }

    private String model() {
        HttpResponse<String> model = server.call("POST", "/api/models", key, "{\"name\": \"Customers\", \"connection_id\": \"" + from
                + "\", \"configuration\": {\"table\": \"public.customers\"}, \"identifier\": \"id\"}");
        assertThat(model.statusCode()).as(model.body()).isEqualTo(201);
        return TestingServer.json(model).at("/data/id").asText();
    }

    private String sync(String mode, String more) {
        String model = model();
        HttpResponse<String> sync = server.call("POST", "/api/syncs", key, "{\"name\": \"Contacts\", \"mode\": \"" + mode + "\", \"target\":"
                + " {\"connection_id\": \"" + to + "\", \"object\": \"contacts\"}, \"identity\": {\"source\": {\"model_id\": \"" + model
                + "\", \"field\": \"id\"}, \"target\": \"contact_id\", \"function\": \"Equality\"}, \"fields\": [" + field(model, "email", "email", null)
                + ", " + field(model, "name", "full_name", null) + ", " + field(model, "plan", "plan", "create") + "]" + more + "}");
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(201);
        return TestingServer.json(sync).at("/data/id").asText();
    }

    private static String field(String model, String source, String target, String syncMode) {
        return "{\"source\": {\"model_id\": \"" + model + "\", \"field\": \"" + source + "\"}, \"target\": \"" + target + "\""
                + (syncMode == null ? "" : ", \"sync_mode\": \"" + syncMode + "\"") + "}";
    }

    private List<String> refused(String body) {
        HttpResponse<String> refused = server.call("POST", "/api/syncs", key, body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        return TestingServer.json(refused).at("/errors").findValuesAsText("field");
    }


    private JsonNode run(String sync, String body) {
        return syncs.runToEnd("/api/syncs/" + sync, body);
    }

    /** The lines of one record log of a run, downloaded through the link the API gives. */
    private List<String> recordLog(String sync, String execution, String type) {
        HttpResponse<String> link = server.call("GET", "/api/syncs/" + sync + "/executions/" + execution + "/" + type, key, null);
        assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
        String url = TestingServer.json(link).at("/data/url").asText().replaceFirst("^http://localhost:\\d+", server.base());
        HttpResponse<String> download = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build());
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        return download.body().lines().toList();
    }

    /** total, inserts, updates, deletes, errors. */
    private static List<Long> counts(JsonNode execution) {
        return List.of(execution.get("total").asLong(), execution.get("inserts").asLong(), execution.get("updates").asLong(),
                execution.get("deletes").asLong(), execution.get("errors").asLong());
    }

    private List<String> destinationRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = destination.connect();
             ResultSet result = connection.createStatement().executeQuery("SELECT contact_id, email, full_name, plan FROM contacts ORDER BY contact_id")) {
            while (result.next()) {
                rows.add(result.getLong(1) + " " + result.getString(2) + " " + result.getString(3) + " " + result.getString(4));
            }
        }
        return rows;
    }
}
