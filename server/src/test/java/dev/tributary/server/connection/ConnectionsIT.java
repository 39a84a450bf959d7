package dev.tributary.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.ops.LogRing;
import dev.tributary.server.ops.Logging;
import dev.tributary.server.testing.FreePort;
import dev.tributary.server.testing.TestingOrganization;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections through the API against the real local PostgreSQL: settings, secrets, catalog, permissions. */
class ConnectionsIT {

    private static final String CANARY = "canary-secret-7f3a9c";

    private final TestingServer server = new TestingServer(Map.of());
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final TestingPostgres source = new TestingPostgres();
    private final String adminKey = people.adminA().apiKey();

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    @Test
    void connectionTypesDeclareTheirSettingsWithSecretsMarked() {
        JsonNode types = TestingServer.json(server.call("GET", "/api/connection_types", adminKey, null)).at("/data");
        JsonNode postgres = TestingServer.json(server.call("GET", "/api/connection_types/postgresql", adminKey, null)).at("/data");

        assertThat(types.findValuesAsText("id")).contains("postgresql", "mysql");
        assertThat(postgres.at("/capabilities").toString()).contains("source", "destination", "upsert");
        assertThat(postgres.at("/configuration/properties/password/sensitive").asBoolean()).isTrue();
        assertThat(postgres.at("/configuration/required").toString()).contains("host", "database");
        assertThat(server.call("GET", "/api/connection_types/oracle", adminKey, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aCanarySecretNeverAppearsInAResponseALogLineOrTheDatabase() throws Exception {
        long logsBefore = Logging.ring().newest();
        List<String> bodies = new ArrayList<>();

        HttpResponse<String> created = server.call("POST", "/api/connections", adminKey, postgres("Warehouse", CANARY));
        bodies.add(created.body());
        String id = TestingServer.json(created).at("/data/id").asText();
        bodies.add(server.call("GET", "/api/connections/" + id, adminKey, null).body());
        bodies.add(server.call("GET", "/api/connections", adminKey, null).body());
        bodies.add(server.call("PUT", "/api/connections/" + id, adminKey, postgres("Warehouse 2", "****")).body());
        bodies.add(server.call("PATCH", "/api/connections/" + id, adminKey, "{\"configuration\": {\"port\": 1}, \"validate\": false}").body());
        bodies.add(server.call("POST", "/api/connections/test", adminKey, "{\"connection_id\": \"" + id + "\"}").body());
        bodies.add(server.call("POST", "/api/connections/test", adminKey,
                "{\"type\": \"postgresql\", \"configuration\": {\"host\": \"127.0.0.1\", \"port\": " + FreePort.find()
                        + ", \"database\": \"x\", \"username\": \"u\", \"password\": \"" + CANARY + "\"}}").body());
        bodies.add(server.call("GET", "/api/audit", adminKey, null).body());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(TestingServer.json(created).at("/data/configuration/password").asText()).isEqualTo("****");
        assertThat(TestingServer.json(created).at("/data/status").asText()).isEqualTo("healthy");
        assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(CANARY));
        List<LogRing.Line> logged = Logging.ring().read(new LogRing.Query(logsBefore, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 100_000), Duration.ZERO);
        assertThat(logged).isNotEmpty().allSatisfy(line -> assertThat(line.message()).doesNotContain(CANARY));
        assertThat(server.postgres().dumpAsText()).contains("connections").doesNotContain(CANARY);
    }

    @Test
    void aSecretSentBackMaskedKeepsItsStoredValue() {
        String id = created(postgres("Warehouse", CANARY));

        server.call("PUT", "/api/connections/" + id, adminKey, postgres("Renamed", "****"));
        HttpResponse<String> tested = server.call("POST", "/api/connections/test", adminKey, "{\"connection_id\": \"" + id + "\"}");

        assertThat(TestingServer.json(server.call("GET", "/api/connections/" + id, adminKey, null)).at("/data/name").asText()).isEqualTo("Renamed");
        assertThat(TestingServer.json(tested).at("/data/success").asBoolean()).as(tested.body()).isTrue();
        assertThat(storedSecrets(id)).as("the stored password").isEqualTo(CANARY);
    }

    @Test
    void badSettingsAreRefusedFieldByFieldInWords() {
        HttpResponse<String> unknownType = server.call("POST", "/api/connections", adminKey, "{\"name\": \"x\", \"type\": \"oracle\"}");
        HttpResponse<String> missing = server.call("POST", "/api/connections", adminKey,
                "{\"name\": \"x\", \"type\": \"postgresql\", \"configuration\": {\"port\": 5432}}");
        HttpResponse<String> wrongPort = server.call("POST", "/api/connections", adminKey,
                "{\"name\": \"x\", \"type\": \"postgresql\", \"configuration\": {\"host\": \"h\", \"port\": \"abc\", \"database\": \"d\", \"username\": \"u\"}}");
        HttpResponse<String> unreachable = server.call("POST", "/api/connections", adminKey,
                "{\"name\": \"x\", \"type\": \"postgresql\", \"configuration\": {\"host\": \"127.0.0.1\", \"port\": " + FreePort.find()
                        + ", \"database\": \"d\", \"username\": \"u\"}}");

        assertThat(fields(unknownType)).containsExactly("type");
        assertThat(TestingServer.json(unknownType).at("/errors/0/message").asText()).contains("GET /api/connection_types");
        assertThat(fields(missing)).contains("configuration.host", "configuration.database", "configuration.username");
        assertThat(fields(wrongPort)).containsExactly("configuration.port");
        assertThat(fields(unreachable)).containsExactly("configuration");
        assertThat(TestingServer.json(unreachable).at("/errors/0/message").asText()).contains("the connection test failed", "validate");
        assertThat(TestingServer.json(server.call("GET", "/api/connections", adminKey, null)).at("/data").findValuesAsText("name"))
                .as("nothing refused was saved").doesNotContain("x");
    }

    @Test
    void aHostThatResolvesToTheCloudMetadataAddressIsRefused() {
        HttpResponse<String> response = server.call("POST", "/api/connections", adminKey,
                "{\"name\": \"Metadata\", \"type\": \"postgresql\", \"configuration\": {\"host\": \"169.254.169.254\","
                        + " \"database\": \"d\", \"username\": \"u\"}}");

        assertThat(fields(response)).containsExactly("configuration");
        assertThat(TestingServer.json(response).at("/errors/0/message").asText()).contains("169.254.169.254", "link-local", "refused");
    }

    @Test
    void anOperatorCanAllowLinkLocalHostsForConnections() {
        String body = "{\"type\": \"postgresql\", \"configuration\": {\"host\": \"169.254.169.254\", \"port\": 1, \"database\": \"d\","
                + " \"username\": \"u\"}}";
        try (TestingServer allowing = new TestingServer(Map.of("CONNECTIONS_ALLOW_LINK_LOCAL", "true"))) {
            String key = TestingOrganization.create(allowing).adminKey();

            HttpResponse<String> tested = allowing.call("POST", "/api/connections/test", key, body);

            assertThat(tested.statusCode()).as(tested.body()).isEqualTo(200);
            assertThat(TestingServer.json(tested).at("/data/success").asBoolean()).isFalse();
            assertThat(TestingServer.json(tested).at("/data/message").asText()).as("the host was tried, not refused")
                    .doesNotContain("link-local").contains("169.254.169.254");
        }
        HttpResponse<String> refused = server.call("POST", "/api/connections/test", adminKey, body);
        assertThat(TestingServer.json(refused).toString()).contains("link-local");
    }

    @Test
    void aConnectionSavedWithoutValidationIsMarkedUnknown() {
        HttpResponse<String> saved = server.call("POST", "/api/connections", adminKey,
                "{\"name\": \"Later\", \"type\": \"postgresql\", \"validate\": false, \"configuration\": {\"host\": \"db.invalid\","
                        + " \"database\": \"d\", \"username\": \"u\"}}");

        assertThat(saved.statusCode()).isEqualTo(201);
        assertThat(TestingServer.json(saved).at("/data/status").asText()).isEqualTo("unknown");
        assertThat(TestingServer.json(saved).at("/data/configuration/port").asInt()).isEqualTo(5432);
    }

    @Test
    void theCatalogListsObjectsWithFieldsAndSampleRecords() {
        source.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, balance numeric(12,2))");
        source.execute("INSERT INTO customers VALUES (1, 'ada@example.com', 10.50), (2, 'bob@example.com', NULL)");
        String id = created(postgres("Source", ""));

        JsonNode objects = TestingServer.json(server.call("GET", "/api/connections/" + id + "/schemas", adminKey, null)).at("/data");
        JsonNode customers = TestingServer.json(server.call("GET", "/api/connections/" + id + "/schemas/public.customers", adminKey, null))
                .at("/data");
        JsonNode records = TestingServer.json(server.call("GET", "/api/connections/" + id + "/schemas/public.customers/records?limit=5",
                adminKey, null)).at("/data");
        source.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
        JsonNode refreshed = TestingServer.json(server.call("POST", "/api/connections/" + id + "/schemas/refresh", adminKey, null)).at("/data");

        assertThat(objects.findValuesAsText("id")).contains("public.customers").doesNotContain("public.orders");
        assertThat(customers.at("/fields").findValuesAsText("name")).containsExactly("id", "email", "balance");
        assertThat(customers.at("/fields/0/primary_key").asBoolean()).isTrue();
        assertThat(customers.at("/fields/2/type").asText()).isEqualTo("decimal(12,2)");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("email").asText()).isEqualTo("ada@example.com");
        assertThat(records.get(1).get("balance").isNull()).isTrue();
        assertThat(refreshed.findValuesAsText("id")).contains("public.customers", "public.orders");
        assertThat(server.call("GET", "/api/connections/" + id + "/schemas/public.nothing", adminKey, null).statusCode()).isEqualTo(404);
    }

    @Test
    void eachChangeNeedsItsActionAndPoliciesDecide() {
        String viewer = TestingServer.json(server.call("POST", "/api/permissions/roles", adminKey, "{\"name\": \"viewer\"}")).at("/data/id").asText();
        server.call("PUT", "/api/organizations/" + people.userA().organizationId() + "/users/" + people.userA().userId(), adminKey,
                "{\"role\": \"viewer\"}");
        String ulf = people.userA().apiKey();
        String id = created(postgres("Source", ""));

        assertThat(server.call("GET", "/api/connections/" + id, ulf, null).statusCode()).isEqualTo(200);
        HttpResponse<String> create = server.call("POST", "/api/connections", ulf, postgres("Mine", ""));
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(TestingServer.json(create).get("detail").asText()).contains("Your role 'viewer' may not create connections");
        assertThat(server.call("PATCH", "/api/connections/" + id, ulf, "{\"name\": \"Hijacked\"}").statusCode()).isEqualTo(403);
        assertThat(server.call("DELETE", "/api/connections/" + id, ulf, null).statusCode()).isEqualTo(403);
        assertThat(server.call("GET", "/api/connections/" + id + "/schemas/public.x/records", ulf, null).statusCode()).isEqualTo(403);

        String editors = TestingServer.json(server.call("POST", "/api/permissions/policies", adminKey,
                "{\"name\": \"Viewers edit\", \"policy_actions\": [{\"action\": \"edit\", \"role_ids\": [\"" + viewer + "\"]}]}"))
                .at("/data/id").asText();
        HttpResponse<String> applied = server.call("PATCH", "/api/connections/" + id, adminKey,
                "{\"policies\": [\"" + editors + "\"], \"validate\": false}");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(server.call("PATCH", "/api/connections/" + id, ulf, "{\"name\": \"Renamed by a viewer\", \"validate\": false}").statusCode())
                .isEqualTo(200);
        assertThat(server.call("PATCH", "/api/connections/" + id, people.userA().apiKey(), "{\"policies\": []}").statusCode())
                .as("applying policies needs apply_policy").isEqualTo(403);
    }

    private String created(String body) {
        HttpResponse<String> created = server.call("POST", "/api/connections", adminKey, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestingServer.json(created).at("/data/id").asText();
    }

    private String postgres(String name, String password) {
        return "{\"name\": \"" + name + "\", \"type\": \"postgresql\", \"configuration\": {\"host\": \"" + TestingPostgres.HOST
                + "\", \"port\": " + TestingPostgres.PORT + ", \"database\": \"" + source.database() + "\", \"username\": \""
                + TestingPostgres.SUPERUSER + "\"" + (password.isEmpty() ? "" : ", \"password\": \"" + password + "\"") + "}}";
    }

    private static List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return TestingServer.json(response).at("/errors").findValuesAsText("field");
    }

    /** The stored password of a connection, decrypted with the server's own key, as its connector gets it. */
    private String storedSecrets(String id) {
        try (Connection connection = server.postgres().connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT credentials FROM connections WHERE id = '" + id + "'")) {
            row.next();
            String ciphertext = dev.tributary.server.http.Json.mapper().readTree(row.getString(1)).get("password").asText();
            return dev.tributary.server.secrets.TestingSecrets.cipherIn(server.dataDir()).decrypt(ciphertext, "connection:" + id + ":password");
        } catch (java.sql.SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
