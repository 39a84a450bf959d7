package dev.tributary.server.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.TestingMariaDb;
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

/**
 * The modes other than updateOrCreate and replace, into MariaDB, matching a PostgreSQL model's lower-case emails to the
 * destination's upper-case ones case-insensitively.
 */
class ModelSyncModesIT {

    private final TestingServer server = new TestingServer(Map.of());
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final TestingPostgres source = new TestingPostgres();
    private final TestingMariaDb destination = new TestingMariaDb();
    private final String key = people.adminA().apiKey();
    private final String model;
    private final String to;

    ModelSyncModesIT() {
        source.execute("CREATE TABLE people (email text PRIMARY KEY, name text)");
        source.execute("INSERT INTO people VALUES ('ada@acme.com', 'Ada'), ('grace@acme.com', 'Grace'), ('alan@acme.com', 'Alan')");
        destination.execute("CREATE TABLE leads (email varchar(200) NOT NULL, name varchar(200))");
        destination.execute("INSERT INTO leads VALUES ('ADA@ACME.COM', 'old Ada'), ('LINUS@ACME.COM', 'Linus')");
        String from = new TestingSyncs(server, key).connection("Warehouse", source);
        HttpResponse<String> maria = server.call("POST", "/api/connections", key, "{\"name\": \"Maria\", \"type\": \"mysql\", \"configuration\":"
                + " {\"host\": \"" + TestingMariaDb.HOST + "\", \"port\": " + TestingMariaDb.PORT + ", \"database\": \"" + destination.database()
                + "\", \"username\": \"" + TestingMariaDb.USER + "\", \"sslmode\": \"disable\"}}");
        assertThat(maria.statusCode()).as(maria.body()).isEqualTo(201);
        to = TestingServer.json(maria).at("/data/id").asText();
        HttpResponse<String> created = server.call("POST", "/api/models", key, "{\"name\": \"People\", \"connection_id\": \"" + from
                + "\", \"configuration\": {\"table\": \"public.people\"}, \"identifier\": \"email\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        model = TestingServer.json(created).at("/data/id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
        source.close();
        destination.close();
    }

    @Test
    void updateTouchesOnlyIdentitiesTheDestinationHasMatchingCaseInsensitively() throws Exception {
        JsonNode run = run(sync("update", "CaseInsensitiveEquality"));

        assertThat(run.get("updates").asLong()).isEqualTo(1);
        assertThat(run.get("warnings").asLong()).as("the two the destination lacks are skipped").isEqualTo(2);
        assertThat(rows()).containsExactly("ADA@ACME.COM Ada", "LINUS@ACME.COM Linus");
    }

    @Test
    void createInsertsOnlyIdentitiesTheDestinationLacks() throws Exception {
        JsonNode run = run(sync("create", "CaseInsensitiveEquality"));

        assertThat(run.get("inserts").asLong()).isEqualTo(2);
        assertThat(rows()).containsExactly("ADA@ACME.COM old Ada", "LINUS@ACME.COM Linus", "alan@acme.com Alan", "grace@acme.com Grace");
    }

    @Test
    void exactEqualityTellsCasesApart() throws Exception {
        run(sync("create", "Equality"));

        assertThat(rows()).containsExactly("ADA@ACME.COM old Ada", "LINUS@ACME.COM Linus", "ada@acme.com Ada", "alan@acme.com Alan",
                "grace@acme.com Grace");
    }

    @Test
    void removeDeletesTheDestinationRecordsWhoseIdentityIsInTheModel() throws Exception {
        JsonNode run = run(sync("remove", "CaseInsensitiveEquality"));

        assertThat(run.get("deletes").asLong()).isEqualTo(1);
        assertThat(rows()).containsExactly("LINUS@ACME.COM Linus");
    }

    @Test
    void appendInsertsEveryRecordOnEveryRun() throws Exception {
        String sync = sync("append", null);

        run(sync);
        run(sync);

        assertThat(rows()).hasSize(2 + 6).filteredOn(row -> row.equals("grace@acme.com Grace")).hasSize(2);
    }

    private String sync(String mode, String function) {
        String identity = function == null ? "" : "\"identity\": {\"source\": {\"model_id\": \"" + model + "\", \"field\": \"email\"}, \"target\":"
                + " \"email\", \"function\": \"" + function + "\"}, ";
        String fields = mode.equals("append")
                ? "{\"source\": {\"model_id\": \"" + model + "\", \"field\": \"email\"}, \"target\": \"email\"}, " : "";
        HttpResponse<String> sync = server.call("POST", "/api/syncs", key, "{\"name\": \"Leads\", \"mode\": \"" + mode + "\", \"target\":"
                + " {\"connection_id\": \"" + to + "\", \"object\": \"leads\"}, " + identity + "\"fields\": [" + fields
                + "{\"source\": {\"model_id\": \"" + model + "\", \"field\": \"name\"}, \"target\": \"name\"}]}");
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(201);
        return TestingServer.json(sync).at("/data/id").asText();
    }


    private JsonNode run(String sync) {
        JsonNode execution = new TestingSyncs(server, key).runToEnd("/api/syncs/" + sync, null);
        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("completed");
        return execution;
    }

    /** The destination's rows, sorted by email as bytes (upper case first). */
    private List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = destination.connect();
             ResultSet result = connection.createStatement().executeQuery("SELECT email, name FROM leads ORDER BY CAST(email AS BINARY), name")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2));
            }
        }
        return rows;
    }
}
