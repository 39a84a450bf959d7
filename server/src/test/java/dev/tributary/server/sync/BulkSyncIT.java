package dev.tributary.server.sync;

import static dev.tributary.server.testing.TestingSyncs.checksum;
import static dev.tributary.server.testing.TestingSyncs.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.connect.files.TestingS3;
import dev.tributary.server.connect.http.TestingHttpEndpoint;
import dev.tributary.server.http.Json;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bulk syncs through the API, PostgreSQL and MariaDB to PostgreSQL, against the real local servers. */
class BulkSyncIT {

    private static final Set<String> ENDED = Set.of("completed", "completed_with_errors", "failed", "canceled");

    private static final int BATCH = 500;

    private final TestingServer server = new TestingServer(Map.of("SYNC_BATCH_SIZE", Integer.toString(BATCH)));
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final TestingPostgres source = new TestingPostgres();
    private final TestingPostgres destination = new TestingPostgres();
    private final String key = people.adminA().apiKey();

    @AfterEach
    void stop() {
        server.close();
        source.close();
        destination.close();
    }

    @Test
    void aFirstRunCopiesEverythingAndLaterRunsOnlyWhatChanged() throws Exception {
        source.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, name text, balance numeric(14,2), updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO accounts SELECT i, 'account ' || i, i * 1.5, timestamptz '2026-01-01' + i * interval '1 second'"
                + " FROM generate_series(1, 2500) i");
        String sync = bulkSync("[{\"id\": \"public.accounts\", \"tracking_field\": \"updated_at\"}]");

        JsonNode first = run(sync);
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("completed");
        assertThat(first.get("records_read").asLong()).isEqualTo(2500);
        assertThat(checksum(destination, "accounts")).isEqualTo(checksum(source, "accounts"));

        source.execute("UPDATE accounts SET balance = -1, updated_at = timestamptz '2026-06-01' WHERE id <= 10");
        source.execute("INSERT INTO accounts VALUES (2501, 'new', 0, timestamptz '2026-06-01')");
        JsonNode second = run(sync);

        assertThat(second.get("status").asText()).isEqualTo("completed");
        assertThat(second.get("records_read").asLong()).as("only changed records, plus those at the last checkpoint's tracking value")
                .isBetween(11L, 12L);
        assertThat(second.at("/tables/0/method").asText()).isEqualTo("incremental");
        assertThat(count(destination, "accounts")).isEqualTo(2501);
        assertThat(checksum(destination, "accounts")).isEqualTo(checksum(source, "accounts"));
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefreshedWholeAndAtomically() throws Exception {
        source.execute("CREATE TABLE events (kind text, at timestamptz)");
        source.execute("INSERT INTO events SELECT 'k' || (i % 7), timestamptz '2026-01-01' + i * interval '1 minute' FROM generate_series(1, 1200) i");
        String sync = bulkSync("[{\"id\": \"public.events\"}]");
        run(sync);

        source.execute("DELETE FROM events WHERE kind = 'k3'");
        JsonNode second = run(sync);

        assertThat(second.at("/tables/0/method").asText()).isEqualTo("refresh");
        assertThat(second.at("/tables/0/passthrough").asBoolean()).as("PostgreSQL to PostgreSQL sends COPY text untouched").isTrue();
        assertThat(count(destination, "events")).isEqualTo(count(source, "events"));
        assertThat(checksum(destination, "events")).isEqualTo(checksum(source, "events"));
    }

    @Test
    void valuesWidenIntoLargerDestinationColumnsAndWhatWouldNotFitIsReportedPerRecord() throws Exception {
        source.execute("CREATE TABLE measures (id integer PRIMARY KEY, small smallint, ratio real, day date, code bigint)");
        source.execute("INSERT INTO measures VALUES (1, -3, 0.5, '2024-02-29', 7), (2, NULL, NULL, NULL, 3000000000)");
        destination.execute("CREATE TABLE measures (id bigint PRIMARY KEY, small bigint, ratio double precision, day timestamp, code integer)");
        String sync = bulkSync("[{\"id\": \"public.measures\"}]");

        JsonNode run = run(sync);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed_with_errors");
        assertThat(run.get("records_written").asLong()).isEqualTo(1);
        assertThat(run.get("records_errored").asLong()).as("3000000000 does not fit an integer column").isEqualTo(1);
        try (Connection pg = destination.connect();
             ResultSet rows = pg.createStatement().executeQuery("SELECT id, small, ratio, day, code FROM measures")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong("id")).isEqualTo(1);
            assertThat(rows.getLong("small")).isEqualTo(-3);
            assertThat(rows.getDouble("ratio")).isEqualTo(0.5);
            assertThat(rows.getString("day")).isEqualTo("2024-02-29 00:00:00");
            assertThat(rows.getInt("code")).isEqualTo(7);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void aRefreshIntoColumnsOfOtherTypesDecodesEveryValueInstead() throws Exception {
        source.execute("CREATE TABLE readings (sensor text, reading numeric(6,2), at timestamptz)");
        source.execute("INSERT INTO readings VALUES ('a', 1.5, '2026-01-01T10:00:00Z'), ('b', -9999.99, NULL), (NULL, NULL, '1999-12-31T23:59:59.5Z')");
        destination.execute("CREATE TABLE readings (sensor text, reading numeric(10,2), at timestamptz)");
        String sync = bulkSync("[{\"id\": \"public.readings\"}]");

        JsonNode run = run(sync);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(run.at("/tables/0/method").asText()).isEqualTo("refresh");
        assertThat(run.at("/tables/0/passthrough").asBoolean()).as("decimal(6,2) is not decimal(10,2)").isFalse();
        assertThat(checksum(destination, "readings")).isEqualTo(checksum(source, "readings"));
    }

    @Test
    void aRunThatFailsMidwayResumesFromItsLastCommittedBatchWithoutDuplicates() throws Exception {
        source.execute("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2), updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO orders SELECT i, i, timestamptz '2026-01-01' + i * interval '1 second' FROM generate_series(1, 3000) i");
        String sync = bulkSync("[{\"id\": \"public.orders\", \"tracking_field\": \"updated_at\"}]");
        // The destination refuses the record with id 1700, in the fourth batch: the run fails after three committed batches.
        destination.execute("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2), updated_at timestamptz NOT NULL)");
        destination.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.id = 1700 THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$");
        destination.execute("CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION refuse()");

        JsonNode failed = run(sync);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("public.orders");
        assertThat(count(destination, "orders")).isEqualTo(3 * BATCH);

        destination.execute("DROP TRIGGER refuse ON orders");
        JsonNode resumed = run(sync);

        assertThat(resumed.get("status").asText()).isEqualTo("completed");
        assertThat(resumed.get("records_read").asLong()).as("the rest, re-reading at most one batch").isBetween(1500L, 1500L + BATCH);
        assertThat(count(destination, "orders")).isEqualTo(3000);
        assertThat(checksum(destination, "orders")).isEqualTo(checksum(source, "orders"));
    }

    @Test
    void mariaDbTablesArriveInPostgresWithTheirValues() throws Exception {
        String database = "tributary_bulk_" + System.nanoTime();
        try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
             Statement statement = maria.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            statement.execute("CREATE TABLE " + database + ".people (id int PRIMARY KEY, name varchar(100), score decimal(8,3), born date)");
            statement.execute("INSERT INTO " + database + ".people VALUES (1, 'Ada', 12.5, '1815-12-10'), (2, 'Grace', NULL, '1906-12-09'),"
                    + " (3, 'Zoë', -0.001, NULL)");
        }
        try {
            String mysql = connection("{\"name\": \"Maria\", \"type\": \"mysql\", \"configuration\": {\"host\": \"127.0.0.1\", \"port\": 3306,"
                    + " \"database\": \"" + database + "\", \"username\": \"root\", \"sslmode\": \"disable\"}}");
            String sync = bulkSync(mysql, "[{\"id\": \"" + database + ".people\"}]");

            JsonNode run = run(sync);

            assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
            try (Connection pg = destination.connect();
                 ResultSet rows = pg.createStatement().executeQuery("SELECT id, name, score, born FROM people ORDER BY id")) {
                rows.next();
                assertThat(rows.getString("name")).isEqualTo("Ada");
                assertThat(rows.getBigDecimal("score")).isEqualByComparingTo("12.5");
                assertThat(rows.getString("born")).isEqualTo("1815-12-10");
                rows.next();
                assertThat(rows.getBigDecimal("score")).isNull();
                rows.next();
                assertThat(rows.getString("name")).isEqualTo("Zoë");
                assertThat(rows.getBigDecimal("score")).isEqualByComparingTo("-0.001");
            }
        } finally {
            try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")) {
                maria.createStatement().execute("DROP DATABASE " + database);
            }
        }
    }

    @Test
    void aSecondStartWhileRunningIsRefusedWithTheRunningExecution() throws Exception {
        source.execute("CREATE TABLE items (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO items SELECT i, now() FROM generate_series(1, 10) i");
        destination.execute("CREATE TABLE items (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
        // Writes to the destination wait for a lock this test holds, so the run stays running until the test lets it go.
        destination.execute("CREATE FUNCTION hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_lock(42);"
                + " PERFORM pg_advisory_unlock(42); RETURN NEW; END $$");
        destination.execute("CREATE TRIGGER hold BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION hold()");
        String sync = bulkSync("[{\"id\": \"public.items\", \"tracking_field\": \"updated_at\"}]");

        try (Connection lock = destination.connect()) {
            lock.createStatement().execute("SELECT pg_advisory_lock(42)");
            HttpResponse<String> first = server.call("POST", "/api/bulk/syncs/" + sync + "/executions", key, null);
            String running = TestingServer.json(first).at("/data/id").asText();

            HttpResponse<String> second = server.call("POST", "/api/bulk/syncs/" + sync + "/executions", key, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> execution(sync, running).get("status").asText().equals("running"));
            HttpResponse<String> status = server.call("GET", "/api/bulk/syncs/" + sync + "/status", key, null);

            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(TestingServer.json(second).get("detail").asText()).contains(running);
            assertThat(TestingServer.json(status).at("/data/status").asText()).isEqualTo("running");
            assertThat(TestingServer.json(status).at("/data/current_execution_id").asText()).isEqualTo(running);
            lock.createStatement().execute("SELECT pg_advisory_unlock(42)");
            await().atMost(Duration.ofSeconds(30)).until(() -> ENDED.contains(execution(sync, running).get("status").asText()));
            assertThat(execution(sync, running).get("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void aMillionRowsCopyPostgresToPostgresWithMatchingCountAndChecksum() throws Exception {
        source.execute("CREATE TABLE accounts (aid integer PRIMARY KEY, bid integer NOT NULL, abalance integer NOT NULL, filler char(84))");
        source.execute("INSERT INTO accounts SELECT i, 1 + i / 100000, 0, '' FROM generate_series(1, 1000000) i");
        String sync = bulkSync("[{\"id\": \"public.accounts\"}]");

        JsonNode run = run(sync);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(run.get("records_written").asLong()).isEqualTo(1_000_000);
        assertThat(run.at("/tables/0/passthrough").asBoolean()).isTrue();
        assertThat(count(destination, "accounts")).isEqualTo(1_000_000);
        assertThat(checksum(destination, "accounts")).isEqualTo(checksum(source, "accounts"));
    }

    @Test
    void aMillionRowsCopyMariaDbToPostgresWithMatchingCountAndChecksum() throws Exception {
        String database = "tributary_bulk_" + System.nanoTime();
        try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
             Statement statement = maria.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            statement.execute("CREATE TABLE " + database + ".accounts (aid int PRIMARY KEY, bid int NOT NULL, abalance int NOT NULL,"
                    + " filler varchar(84))");
            statement.execute("INSERT INTO " + database + ".accounts SELECT seq, 1 + seq DIV 100000, seq MOD 1000, concat('row ', seq)"
                    + " FROM " + database + ".seq_1_to_1000000");
        }
        try {
            String mysql = connection("{\"name\": \"Maria\", \"type\": \"mysql\", \"configuration\": {\"host\": \"127.0.0.1\", \"port\": 3306,"
                    + " \"database\": \"" + database + "\", \"username\": \"root\", \"sslmode\": \"disable\"}}");
            String sync = bulkSync(mysql, "[{\"id\": \"" + database + ".accounts\"}]");

            JsonNode run = run(sync);

            assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
            assertThat(run.at("/tables/0/passthrough").asBoolean()).as("MariaDB's rows are decoded").isFalse();
            assertThat(count(destination, "accounts")).isEqualTo(1_000_000);
            try (Connection pg = destination.connect();
                 ResultSet sums = pg.createStatement().executeQuery("SELECT sum(aid::bigint), sum(abalance::bigint), md5(string_agg(filler, ','"
                         + " ORDER BY aid)) FROM accounts");
                 Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + database, "root", "");
                 ResultSet expected = maria.createStatement().executeQuery("SELECT sum(aid), sum(abalance) FROM accounts")) {
                sums.next();
                expected.next();
                assertThat(sums.getLong(1)).isEqualTo(expected.getLong(1));
                assertThat(sums.getLong(2)).isEqualTo(expected.getLong(2));
                assertThat(sums.getString(3)).isEqualTo(mariaDigest(database));
            }
        } finally {
            try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")) {
                maria.createStatement().execute("DROP DATABASE " + database);
            }
        }
    }

    @Test
    void newSourceFieldsAreAddedToTheDestination() throws Exception {
        source.execute("CREATE TABLE customers (id int PRIMARY KEY, email text, updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO customers VALUES (1, 'a@x.test', '2026-01-01'), (2, 'b@x.test', '2026-01-02')");
        String sync = bulkSync("[{\"id\": \"public.customers\", \"tracking_field\": \"updated_at\"}]");
        run(sync);

        source.execute("ALTER TABLE customers ADD COLUMN plan text");
        source.execute("UPDATE customers SET plan = 'pro', updated_at = '2026-02-01' WHERE id = 2");
        JsonNode second = run(sync);

        assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("completed");
        try (Connection pg = destination.connect();
             ResultSet rows = pg.createStatement().executeQuery("SELECT id, plan FROM customers ORDER BY id")) {
            rows.next();
            assertThat(rows.getString("plan")).isNull();
            rows.next();
            assertThat(rows.getString("plan")).isEqualTo("pro");
        }
    }

    @Test
    void postgresTablesArriveInMariaDb() throws Exception {
        source.execute("CREATE TABLE products (id int PRIMARY KEY, title text, price numeric(10,2), updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO products SELECT i, 'product ' || i, i / 4.0, timestamptz '2026-01-01' + i * interval '1 hour'"
                + " FROM generate_series(1, 700) i");
        String database = "tributary_bulk_" + System.nanoTime();
        try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")) {
            maria.createStatement().execute("CREATE DATABASE " + database);
        }
        try {
            String mysql = connection("{\"name\": \"Maria\", \"type\": \"mysql\", \"configuration\": {\"host\": \"127.0.0.1\", \"port\": 3306,"
                    + " \"database\": \"" + database + "\", \"username\": \"root\", \"sslmode\": \"disable\"}}");
            HttpResponse<String> created = server.call("POST", "/api/bulk/syncs", key, "{\"name\": \"To Maria\", \"source_connection_id\": \""
                    + connection(postgres("Source", source)) + "\", \"destination_connection_id\": \"" + mysql
                    + "\", \"schemas\": [{\"id\": \"public.products\", \"tracking_field\": \"updated_at\"}]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            JsonNode run = run(TestingServer.json(created).at("/data/id").asText());

            assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
            try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + database, "root", "");
                 ResultSet rows = maria.createStatement().executeQuery("SELECT count(*), sum(price), max(title) FROM products")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(700);
                assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("61337.50");
                assertThat(rows.getString(3)).isEqualTo("product 99");
            }
        } finally {
            try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")) {
                maria.createStatement().execute("DROP DATABASE " + database);
            }
        }
    }

    @Test
    void postgresTablesArriveAsFilesInALocalDirectoryWithAManifest() throws Exception {
        seedCustomers(300);
        Path directory = Files.createTempDirectory("tributary-export");
        String files = connection("{\"name\": \"Exports\", \"type\": \"files\", \"configuration\": {\"kind\": \"local\", \"path\": \""
                + directory + "\", \"format\": \"csv\"}}");

        JsonNode run = run(bulkSync(connection(postgres("Source", source)), files, "[{\"id\": \"public.customers\"}]"));

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(run.at("/tables/0/method").asText()).isEqualTo("append");
        try (var walk = Files.walk(directory)) {
            Path manifest = walk.filter(path -> path.getFileName().toString().equals("_manifest.json")).findFirst().orElseThrow();
            JsonNode content = Json.mapper().readTree(manifest.toFile());
            assertThat(content.get("records").asLong()).isEqualTo(300);
            assertThat(content.get("object").asText()).isEqualTo("customers");
        }
    }

    @Test
    void postgresTablesArriveInS3AsJsonLines() throws Exception {
        seedCustomers(250);
        try (TestingS3 s3 = new TestingS3()) {
            String bucket = connection("{\"name\": \"Lake\", \"type\": \"files\", \"configuration\": {\"kind\": \"s3\", \"bucket\": \""
                    + TestingS3.BUCKET + "\", \"prefix\": \"crm/\", \"endpoint\": \"" + s3.endpoint()
                    + "\", \"path_style\": true, \"access_key_id\": \"" + TestingS3.ACCESS_KEY_ID
                    + "\", \"secret_access_key\": \"" + TestingS3.SECRET_ACCESS_KEY + "\", \"format\": \"jsonl\"}}");

            JsonNode run = run(bulkSync(connection(postgres("Source", source)), bucket, "[{\"id\": \"public.customers\"}]"));

            assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
            var objects = s3.client().listObjectsV2(request -> request.bucket(TestingS3.BUCKET).prefix("crm/customers/"))
                    .contents();
            long lines = 0;
            for (var object : objects) {
                if (object.key().endsWith(".jsonl")) {
                    lines += s3.client().getObjectAsBytes(request -> request.bucket(TestingS3.BUCKET)
                            .key(object.key())).asUtf8String().lines().count();
                }
            }
            assertThat(objects).anySatisfy(object -> assertThat(object.key()).endsWith("/_manifest.json"));
            assertThat(lines).isEqualTo(250);
        }
    }

    @Test
    void postgresTablesArriveAtAnHttpEndpointInBatchesWithIdempotencyKeys() throws Exception {
        seedCustomers(1200);
        try (TestingHttpEndpoint endpoint = new TestingHttpEndpoint()) {
            String http = connection("{\"name\": \"Webhook\", \"type\": \"http\", \"configuration\": {\"url\": \"" + endpoint.url()
                    + "\", \"batch_size\": 400}}");

            JsonNode run = run(bulkSync(connection(postgres("Source", source)), http, "[{\"id\": \"public.customers\"}]"));

            assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
            var posts = endpoint.received().stream().filter(request -> request.method().equals("POST")).toList();
            assertThat(posts.stream().mapToInt(request -> request.body().get("records").size()).sum()).isEqualTo(1200);
            assertThat(posts).allSatisfy(request -> assertThat(request.body().get("records").size()).isLessThanOrEqualTo(400));
            assertThat(posts.stream().map(TestingHttpEndpoint.Received::idempotencyKey).distinct().count())
                    .isEqualTo(posts.size());
        }
    }

    @Test
    void newSourceTablesJoinWhenAllowedAndTablesAreCopiedSeveralAtOnce() throws Exception {
        for (String table : List.of("alpha", "beta", "gamma")) {
            source.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, note text)");
            source.execute("INSERT INTO " + table + " SELECT i, '" + table + " ' || i FROM generate_series(1, 800) i");
        }
        String from = connection(postgres("Source", source));
        String to = connection(postgres("Destination", destination));
        HttpResponse<String> created = server.call("POST", "/api/bulk/syncs", key, "{\"name\": \"All\", \"source_connection_id\": \"" + from
                + "\", \"destination_connection_id\": \"" + to + "\", \"automatically_add_new_objects\": true, \"concurrency_limit\": 3,"
                + " \"schemas\": [{\"id\": \"public.alpha\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String sync = TestingServer.json(created).at("/data/id").asText();

        JsonNode run = run(sync);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(run.get("tables").findValuesAsText("id")).containsExactlyInAnyOrder("public.alpha", "public.beta", "public.gamma");
        for (String table : List.of("alpha", "beta", "gamma")) {
            assertThat(checksum(destination, table)).isEqualTo(checksum(source, table));
        }
        JsonNode schemas = TestingServer.json(server.call("GET", "/api/bulk/syncs/" + sync + "/schemas", key, null)).at("/data");
        assertThat(schemas.findValuesAsText("id")).containsExactly("public.alpha", "public.beta", "public.gamma");

        HttpResponse<String> tooMany = server.call("PATCH", "/api/bulk/syncs/" + sync, key, "{\"concurrency_limit\": 0}");
        assertThat(TestingServer.json(tooMany).at("/errors/0/field").asText()).isEqualTo("concurrency_limit");
    }

    private void seedCustomers(int count) {
        source.execute("CREATE TABLE customers (id int PRIMARY KEY, email text, balance numeric(10,2))");
        source.execute("INSERT INTO customers SELECT i, 'c' || i || '@example.com', i / 3.0 FROM generate_series(1, " + count + ") i");
    }

    private static String mariaDigest(String database) throws Exception {
        try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + database, "root", "");
             Statement statement = maria.createStatement()) {
            statement.execute("SET SESSION group_concat_max_len = 100000000");
            try (ResultSet digest = statement.executeQuery("SELECT md5(group_concat(filler ORDER BY aid SEPARATOR ',')) FROM accounts")) {
                digest.next();
                return digest.getString(1);
            }
        }
    }

    @Test
    void badSelectionsAreRefusedFieldByField() throws Exception {
        source.execute("CREATE TABLE plain (id int PRIMARY KEY, note text)");
        source.execute("CREATE TABLE keyless (note text, at timestamptz)");
        String from = connection(postgres("Source", source));
        String to = connection(postgres("Destination", destination));

        HttpResponse<String> response = server.call("POST", "/api/bulk/syncs", key, "{\"name\": \"Bad\", \"source_connection_id\": \"" + from
                + "\", \"destination_connection_id\": \"" + to + "\", \"schemas\": [{\"id\": \"public.nothing\"},"
                + " {\"id\": \"public.plain\", \"tracking_field\": \"changed_at\"}, {\"id\": \"public.keyless\", \"tracking_field\": \"at\"}]}");
        HttpResponse<String> noSource = server.call("POST", "/api/bulk/syncs", key, "{\"name\": \"Bad\", \"source_connection_id\": \""
                + people.adminB().connectionId() + "\", \"destination_connection_id\": \"" + to + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(response).at("/errors").findValuesAsText("field"))
                .containsExactly("schemas[0].id", "schemas[1].tracking_field", "schemas[2].tracking_field");
        assertThat(TestingServer.json(noSource).at("/errors").findValuesAsText("field")).containsExactly("source_connection_id");
    }

    private String bulkSync(String schemas) throws Exception {
        return bulkSync(connection(postgres("Source", source)), schemas);
    }

    private String bulkSync(String sourceConnection, String schemas) throws Exception {
        return bulkSync(sourceConnection, connection(postgres("Destination", destination)), schemas);
    }

    private String bulkSync(String sourceConnection, String to, String schemas) {
        HttpResponse<String> created = server.call("POST", "/api/bulk/syncs", key, "{\"name\": \"Copy\", \"source_connection_id\": \""
                + sourceConnection + "\", \"destination_connection_id\": \"" + to + "\", \"schemas\": " + schemas + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestingServer.json(created).at("/data/id").asText();
    }

    private String connection(String body) {
        HttpResponse<String> created = server.call("POST", "/api/connections", key, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestingServer.json(created).at("/data/id").asText();
    }

    private static String postgres(String name, TestingPostgres database) {
        return "{\"name\": \"" + name + "\", \"type\": \"postgresql\", \"configuration\": {\"host\": \"" + TestingPostgres.HOST + "\", \"port\": "
                + TestingPostgres.PORT + ", \"database\": \"" + database.database() + "\", \"username\": \"" + TestingPostgres.SUPERUSER + "\"}}";
    }

    /** Starts a run and waits until it has ended. */
    private JsonNode run(String sync) {
        HttpResponse<String> started = server.call("POST", "/api/bulk/syncs/" + sync + "/executions", key, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String id = TestingServer.json(started).at("/data/id").asText();
        await().atMost(Duration.ofMinutes(2)).until(() -> ENDED.contains(execution(sync, id).get("status").asText()));
        return execution(sync, id);
    }

    private JsonNode execution(String sync, String id) {
        return TestingServer.json(server.call("GET", "/api/bulk/syncs/" + sync + "/executions/" + id, key, null)).at("/data");
    }
}
