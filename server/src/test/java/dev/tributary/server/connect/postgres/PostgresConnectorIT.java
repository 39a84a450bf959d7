package dev.tributary.server.connect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.connect.BaseDestinationConnectorTest;
import dev.tributary.server.connect.BaseSourceConnectorTest;
import dev.tributary.server.connect.CanonicalSamples;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorFactory;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.RetriableConnectorException;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import dev.tributary.server.connect.spi.WriteResult;
import dev.tributary.server.testing.FreePort;
import dev.tributary.server.testing.TestingPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The PostgreSQL connector against the local PostgreSQL server: the shared contract, then what is PostgreSQL's own. */
class PostgresConnectorIT {

    private static final PostgresTypes TYPES = new PostgresTypes();
    private final PostgresConnectorFactory factory = new PostgresConnectorFactory();
    private final TestingPostgres postgres = new TestingPostgres();

    @AfterEach
    void dropDatabase() {
        postgres.close();
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("host", TestingPostgres.HOST);
        settings.put("port", TestingPostgres.PORT);
        settings.put("database", postgres.database());
        settings.put("username", TestingPostgres.SUPERUSER);
        settings.put("sslmode", "disable");
        return settings;
    }

    private Connector connector(Map<String, Object> settings) {
        return factory.create(factory.configSpec().bind(settings));
    }

    @Nested
    class Source extends BaseSourceConnectorTest {

        @Override
        public ConnectorFactory factory() {
            return factory;
        }

        @Override
        protected Map<String, Object> settings() {
            return PostgresConnectorIT.this.settings();
        }

        @Override
        protected String schema() {
            return "public";
        }

        @Override
        protected void load(String object, List<Field> fields, List<Row> rows) {
            createTable(object, fields);
            String insert = "INSERT INTO " + object + " VALUES (" + fields.stream().map(field -> "?").collect(Collectors.joining(", ")) + ")";
            try (Connection connection = postgres.connect(); PreparedStatement statement = connection.prepareStatement(insert)) {
                for (Row row : rows) {
                    for (int i = 0; i < fields.size(); i++) {
                        bind(connection, statement, i + 1, fields.get(i).type(), row.get(i));
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private void bind(Connection connection, PreparedStatement statement, int index, CanonicalType type, Object value) throws SQLException {
            switch (value) {
                case null -> statement.setNull(index, Types.OTHER);
                case Instant instant -> statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
                case String json when type instanceof CanonicalType.Json -> statement.setObject(index, json, Types.OTHER);
                case List<?> items when type instanceof CanonicalType.Array array -> statement.setArray(index, connection.createArrayOf(
                        TYPES.toRemote(array.element()), items.stream().map(item -> item instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : item).toArray()));
                default -> statement.setObject(index, value);
            }
        }
    }

    @Nested
    class Destination extends BaseDestinationConnectorTest {

        @Override
        public ConnectorFactory factory() {
            return factory;
        }

        @Override
        protected Map<String, Object> settings() {
            return PostgresConnectorIT.this.settings();
        }

        /** Read back through the connector's own reads, whose values the source contract checks against plain JDBC inserts. */
        @Override
        protected List<Row> readBack(String object, List<Field> fields) {
            List<Row> rows = new ArrayList<>();
            try (RecordReader reader = connector.read(new ReadRequest("public", object, fields.stream().map(Field::name).toList(), Checkpoint.START, 1000))) {
                for (Optional<RecordBatch> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                    rows.addAll(batch.get().rows());
                }
            }
            return rows;
        }

        @Override
        protected long count(String object) {
            return Long.parseLong(query("SELECT count(*) FROM " + object).getFirst());
        }

        @Override
        protected String refuseNegative(String object, String field) {
            postgres.execute("ALTER TABLE " + object + " ADD CONSTRAINT " + field + "_not_negative CHECK (" + field + " >= 0)");
            return field + "_not_negative";
        }
    }

    @Test
    void testReportsAMissingDatabase() {
        Map<String, Object> settings = settings();
        settings.put("database", "no_such_database");

        assertThat(connector(settings).test()).isEqualTo(new TestResult.Failed(Problem.DATABASE_MISSING,
                "Database no_such_database does not exist on 127.0.0.1:5432; check the database name."));
    }

    @Test
    void testReportsAnUnreachableHost() {
        Map<String, Object> settings = settings();
        int closedPort = FreePort.find();
        settings.put("port", closedPort);

        assertThat(connector(settings).test()).isInstanceOfSatisfying(TestResult.Failed.class, failed -> {
            assertThat(failed.problem()).isEqualTo(Problem.HOST_UNREACHABLE);
            assertThat(failed.message()).startsWith("Cannot reach 127.0.0.1:" + closedPort).contains("check the host and port");
        });
    }

    @Test
    void testReportsThatTheServerDoesNotOfferTls() {
        Map<String, Object> settings = settings();
        settings.put("sslmode", "require");

        assertThat(connector(settings).test()).isInstanceOfSatisfying(TestResult.Failed.class, failed -> {
            assertThat(failed.problem()).isEqualTo(Problem.TLS_UNAVAILABLE);
            assertThat(failed.message()).contains("does not offer TLS").contains("set sslmode to prefer or disable");
        });
    }

    @Test
    void objectsAreCreatedInTheConfiguredSchema() {
        Map<String, Object> settings = settings();
        settings.put("schema", "analytics");

        try (Connector connector = connector(settings)) {
            connector.createObject("events", List.of(Field.of("id", CanonicalType.INT32, false, true)));
        }

        assertThat(query("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_name = 'events'"))
                .containsExactly("analytics.events");
    }

    @Test
    void valuesAreStoredAsPostgresqlPrintsThemWithoutRounding() {
        try (Connector connector = connector(settings()); BatchWriter writer = openSamples(connector)) {
            writer.write(new RecordBatch(CanonicalSamples.FIELDS, CanonicalSamples.ROWS, Checkpoint.START));
            writer.finish();
        }

        assertThat(query("SELECT amount::text || ' ' || (instant AT TIME ZONE 'UTC')::text || ' ' || (label = '')::text || ' ' || (label IS NULL)::text FROM samples ORDER BY id"))
                .containsExactly("12345678901234567890.123456789 2024-06-01 02:30:00.123456 false false",
                        "-0.000000001 1970-01-01 00:00:00 true false", null);
        assertThat(query("SELECT count(*) FROM samples WHERE label IS NULL AND doc IS NULL AND tags IS NULL")).containsExactly("1");
    }

    private static BatchWriter openSamples(Connector connector) {
        connector.createObject("samples", CanonicalSamples.FIELDS);
        return connector.openAppend("samples", CanonicalSamples.FIELDS);
    }

    @Test
    void textPostgresqlCannotHoldIsReportedForItsField() {
        postgres.execute("CREATE TABLE codes (id integer PRIMARY KEY, code varchar(5), note text)");
        List<Field> fields = List.of(Field.of("id", CanonicalType.INT32, false, true),
                Field.of("code", CanonicalType.STRING, true, false), Field.of("note", CanonicalType.STRING, true, false));

        WriteResult result;
        try (Connector connector = connector(settings()); BatchWriter writer = connector.openAppend("codes", fields)) {
            result = writer.write(new RecordBatch(fields, List.of(
                    new Row(1, "ok", "fine"),
                    new Row(2, "toolong", "fine"),
                    new Row(3, "nul", "a\u0000b"),
                    new Row(4, "ünï😀", "five code points fit")), Checkpoint.START));
            writer.finish();
        }

        assertThat(result.written()).isEqualTo(2);
        assertThat(result.rejected()).hasSize(2);
        assertThat(result.rejected().get(0)).satisfies(error -> {
            assertThat(error.row()).isEqualTo(1);
            assertThat(error.field()).isEqualTo("code");
            assertThat(error.message()).isEqualTo("is 7 characters long; the column holds at most 5");
        });
        assertThat(result.rejected().get(1)).satisfies(error -> {
            assertThat(error.field()).isEqualTo("note");
            assertThat(error.message()).contains("U+0000");
        });
        assertThat(query("SELECT code FROM codes ORDER BY id")).containsExactly("ok", "ünï😀");
    }

    @Test
    void aSyncResumedFromItsLastStoredCheckpointReReadsAtMostOneBatchAndLeavesNoDuplicates() {
        postgres.execute("CREATE TABLE orders AS SELECT n::bigint AS id, 'order ' || n AS name, (n * 1.25)::numeric(10,2) AS balance"
                + " FROM generate_series(1, 100) AS n; ALTER TABLE orders ADD PRIMARY KEY (id)");
        Map<String, Object> replica = settings();
        replica.put("schema", "replica");
        List<Field> fields;
        Checkpoint stored = Checkpoint.START;
        try (Connector source = connector(settings()); Connector destination = connector(replica)) {
            fields = source.discover().object("public", "orders").orElseThrow().fields();
            destination.createObject("orders", fields);
            try (RecordReader reader = source.read(new ReadRequest("public", "orders", List.of(), Checkpoint.START, 30));
                 BatchWriter writer = destination.openUpsert("orders", fields)) {
                for (int batch = 1; batch <= 3; batch++) {
                    RecordBatch records = reader.next().orElseThrow();
                    writer.write(records);
                    if (batch < 3) {
                        stored = records.checkpoint();
                    }
                    // the run dies after the third batch is committed, before its checkpoint is stored
                }
            }

            long reread = 0;
            try (RecordReader reader = source.read(new ReadRequest("public", "orders", List.of(), stored, 30));
                 BatchWriter writer = destination.openUpsert("orders", fields)) {
                for (Optional<RecordBatch> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                    reread += batch.get().rows().stream().filter(row -> (Long) row.get(0) <= 90).count();
                    writer.write(batch.get());
                }
                writer.finish();
            }
            assertThat(reread).isEqualTo(30);
        }

        assertThat(query("SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || sum(balance) FROM replica.orders"))
                .containsExactly("100 100 6312.50");
        assertThat(query("SELECT count(*) FROM (SELECT * FROM orders EXCEPT SELECT * FROM replica.orders) AS missing")).containsExactly("0");
    }

    @Test
    void aReadStreamsFromTheServerAndFailsAsRetriableWhenItsConnectionEnds() {
        postgres.execute("CREATE TABLE numbers AS SELECT n AS id FROM generate_series(1, 10000) AS n; ALTER TABLE numbers ADD PRIMARY KEY (id)");
        try (Connector connector = connector(settings())) {
            RecordReader reader = connector.read(new ReadRequest("public", "numbers", List.of(), Checkpoint.START, 10));
            reader.next().orElseThrow();

            assertThat(query("SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE application_name = 'tributary'"
                    + " AND datname = current_database()")).containsExactly("true");
            // A read that had loaded the whole table would not notice; one that streams from a cursor does.
            assertThatThrownBy(() -> {
                while (reader.next().isPresent()) {
                    // reads on until the cursor needs the server again
                }
            }).isInstanceOf(RetriableConnectorException.class).hasMessageStartingWith("Reading public.numbers failed: ");
            assertThatThrownBy(reader::close).isInstanceOf(RetriableConnectorException.class);
        }
    }

    @Test
    void aLargeTableIsReadInBatchesOfTheRequestedSize() {
        postgres.execute("CREATE TABLE numbers AS SELECT n AS id, repeat('x', 100) AS filler FROM generate_series(1, 50000) AS n;"
                + " ALTER TABLE numbers ADD PRIMARY KEY (id)");
        long rows = 0;
        int largest = 0;
        try (Connector connector = connector(settings());
             RecordReader reader = connector.read(new ReadRequest("public", "numbers", List.of(), Checkpoint.START, 1000))) {
            for (Optional<RecordBatch> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                rows += batch.get().rows().size();
                largest = Math.max(largest, batch.get().rows().size());
            }
        }

        assertThat(rows).isEqualTo(50000);
        assertThat(largest).isEqualTo(1000);
    }

    private void createTable(String object, List<Field> fields) {
        List<String> columns = new ArrayList<>(fields.stream()
                .map(field -> field.name() + " " + TYPES.toRemote(field.type()) + (field.nullable() ? "" : " NOT NULL")).toList());
        List<String> key = fields.stream().filter(Field::primaryKey).map(Field::name).toList();
        if (!key.isEmpty()) {
            columns.add("PRIMARY KEY (" + String.join(", ", key) + ")");
        }
        postgres.execute("CREATE TABLE " + object + " (" + String.join(", ", columns) + ")");
    }

    private List<String> query(String sql) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            List<String> values = new ArrayList<>();
            try (ResultSet resultSet = statement.executeQuery(sql)) {
                while (resultSet.next()) {
                    values.add(resultSet.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
