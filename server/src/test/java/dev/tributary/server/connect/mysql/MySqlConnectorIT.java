package dev.tributary.server.connect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.connect.BaseDestinationConnectorTest;
import dev.tributary.server.connect.BaseSourceConnectorTest;
import dev.tributary.server.connect.CanonicalSamples;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.ConnectorFactory;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ModelOperation;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.RecordOutcome;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.RetriableConnectorException;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import dev.tributary.server.connect.spi.WriteResult;
import dev.tributary.server.testing.FreePort;
import dev.tributary.server.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The MySQL connector against the local MariaDB server: the shared contract, then what is MySQL's own. */
class MySqlConnectorIT {

    private static final MySqlTypes TYPES = new MySqlTypes();
    /** MySQL has no arrays. */
    private static final List<Field> SAMPLE_FIELDS = CanonicalSamples.FIELDS.stream()
            .filter(field -> !(field.type() instanceof CanonicalType.Array)).toList();
    /** The samples without the values MySQL cannot store: NaN, infinities, and TIMESTAMP's 1970 epoch itself. */
    private static final List<Row> SAMPLE_ROWS = CanonicalSamples.project(SAMPLE_FIELDS, CanonicalSamples.ROWS).stream()
            .map(row -> (Long) row.get(0) != 2L ? row : replace(row, Map.of("ratio", Float.MAX_VALUE, "measure", -Double.MAX_VALUE,
                    "instant", Instant.parse("1970-01-01T00:00:01Z"))))
            .toList();

    private final MySqlConnectorFactory factory = new MySqlConnectorFactory();
    private final TestingMariaDb mariadb = new TestingMariaDb();

    @AfterEach
    void dropDatabase() {
        mariadb.close();
    }

    private static Row replace(Row row, Map<String, Object> values) {
        Object[] replaced = new Object[row.size()];
        for (int i = 0; i < replaced.length; i++) {
            replaced[i] = values.getOrDefault(SAMPLE_FIELDS.get(i).name(), row.get(i));
        }
        return new Row(replaced);
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("host", TestingMariaDb.HOST);
        settings.put("port", TestingMariaDb.PORT);
        settings.put("database", mariadb.database());
        settings.put("username", TestingMariaDb.USER);
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
        public List<Field> sampleFields() {
            return SAMPLE_FIELDS;
        }

        @Override
        public List<Row> sampleRows() {
            return SAMPLE_ROWS;
        }

        /** MariaDB's JSON is a LONGTEXT; DECIMAL has a precision, 65 digits at most. */
        @Override
        public CanonicalType discoveredType(Field field) {
            return switch (field.type()) {
                case CanonicalType.Json ignored -> CanonicalType.STRING;
                case CanonicalType.Decimal decimal when !decimal.bounded() -> CanonicalType.decimal(65, 30);
                default -> field.type();
            };
        }

        @Override
        protected Map<String, Object> settings() {
            return MySqlConnectorIT.this.settings();
        }

        @Override
        protected String schema() {
            return mariadb.database();
        }

        @Override
        protected void load(String object, List<Field> fields, List<Row> rows) {
            List<String> columns = new ArrayList<>(fields.stream()
                    .map(field -> "`" + field.name() + "` " + TYPES.toRemote(field) + (field.nullable() ? "" : " NOT NULL")).toList());
            List<String> key = fields.stream().filter(Field::primaryKey).map(field -> "`" + field.name() + "`").toList();
            if (!key.isEmpty()) {
                columns.add("PRIMARY KEY (" + String.join(", ", key) + ")");
            }
            mariadb.execute("CREATE TABLE " + object + " (" + String.join(", ", columns) + ")");
            String insert = "INSERT INTO " + object + " VALUES (" + fields.stream().map(field -> "?").collect(Collectors.joining(", ")) + ")";
            try (Connection connection = mariadb.connect(); PreparedStatement statement = connection.prepareStatement(insert)) {
                for (Row row : rows) {
                    for (int i = 0; i < fields.size(); i++) {
                        statement.setObject(i + 1, switch (row.get(i)) {
                            case Instant instant -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
                            case UUID uuid -> uuid.toString();
                            case null, default -> row.get(i);
                        });
                    }
                    statement.addBatch();
                }
                if (!rows.isEmpty()) {
                    statement.executeBatch();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
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
        public List<Field> sampleFields() {
            return SAMPLE_FIELDS;
        }

        @Override
        public List<Row> sampleRows() {
            return SAMPLE_ROWS;
        }

        @Override
        protected Map<String, Object> settings() {
            return MySqlConnectorIT.this.settings();
        }

        /** Read back through the connector's own reads, whose values the source contract checks against plain JDBC inserts. */
        @Override
        protected List<Row> readBack(String object, List<Field> fields) {
            List<Row> rows = new ArrayList<>();
            try (RecordReader reader = connector.read(new ReadRequest(mariadb.database(), object, fields.stream().map(Field::name).toList(),
                    Checkpoint.START, 1000))) {
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
            mariadb.execute("ALTER TABLE " + object + " ADD CONSTRAINT " + field + "_not_negative CHECK (" + field + " >= 0)");
            return field + "_not_negative";
        }
    }

    @Test
    void exactIdentityMatchingStaysCaseSensitiveOnACaseInsensitiveCollation() {
        mariadb.execute("CREATE TABLE people (email VARCHAR(100) COLLATE utf8mb4_general_ci, name VARCHAR(100))");
        mariadb.execute("INSERT INTO people VALUES ('Ann@Example.com', 'Ann')");
        List<Field> fields = List.of(Field.of("email", CanonicalType.STRING, true, false), Field.of("name", CanonicalType.STRING, true, false));

        List<RecordOutcome> outcomes;
        try (Connector connector = connector(settings()); ModelWriter writer = connector.openModelWrite(ModelTarget.of("people", fields, "email"))) {
            outcomes = writer.apply(ModelOperation.UPSERT, List.of(new Row("ann@example.com", "other Ann"), new Row("Ann@Example.com", "Ann B.")));
        }

        assertThat(outcomes).containsExactly(RecordOutcome.INSERTED, RecordOutcome.UPDATED);
        assertThat(query("SELECT CONCAT(email, ' ', name) FROM people ORDER BY name")).containsExactly("Ann@Example.com Ann B.", "ann@example.com other Ann");
    }

    @Test
    void testReportsAMissingDatabase() {
        Map<String, Object> settings = settings();
        settings.put("database", "no_such_database");

        assertThat(connector(settings).test()).isEqualTo(new TestResult.Failed(Problem.DATABASE_MISSING,
                "Database no_such_database does not exist on 127.0.0.1:3306; check the database name."));
    }

    @Test
    void testReportsAnUnreachableHost() {
        Map<String, Object> settings = settings();
        int closedPort = FreePort.find();
        settings.put("port", closedPort);

        assertThat(connector(settings).test()).isInstanceOfSatisfying(TestResult.Failed.class, failed -> {
            assertThat(failed.problem()).isEqualTo(Problem.HOST_UNREACHABLE);
            assertThat(failed.message()).startsWith("Cannot reach 127.0.0.1:" + closedPort);
        });
    }

    @Test
    void testReportsThatTheServerDoesNotOfferTls() {
        Map<String, Object> settings = settings();
        settings.put("sslmode", "trust");

        assertThat(connector(settings).test()).isInstanceOfSatisfying(TestResult.Failed.class, failed -> {
            assertThat(failed.problem()).isEqualTo(Problem.TLS_UNAVAILABLE);
            assertThat(failed.message()).contains("does not offer TLS").contains("set sslmode to disable");
        });
    }

    @Test
    void testReportsAWrongPassword() {
        String user = "tributary_" + mariadb.database().substring("tributary_test_".length());
        mariadb.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'right-password'");
        try {
            Map<String, Object> settings = settings();
            settings.put("username", user);
            settings.put("password", "wrong-password");

            assertThat(connector(settings).test()).isInstanceOfSatisfying(TestResult.Failed.class, failed -> {
                assertThat(failed.problem()).isEqualTo(Problem.WRONG_CREDENTIALS);
                assertThat(failed.message()).contains("password for user " + user + " is wrong").doesNotContain("wrong-password");
            });
        } finally {
            mariadb.execute("DROP USER '" + user + "'@'%'");
        }
    }

    @Test
    void valuesMySqlCannotStoreAreReportedForTheirField() {
        List<Field> fields = List.of(Field.of("id", CanonicalType.INT32, false, true), Field.of("ratio", CanonicalType.FLOAT64, true, false),
                Field.of("at", CanonicalType.TIMESTAMPTZ, true, false));

        WriteResult result;
        try (Connector connector = connector(settings())) {
            connector.createObject("measures", fields);
            try (BatchWriter writer = connector.openAppend("measures", fields)) {
                result = writer.write(new RecordBatch(fields, List.of(
                        new Row(1, 0.5, Instant.parse("2024-01-01T00:00:00Z")),
                        new Row(2, Double.NaN, null),
                        new Row(3, 1.0, Instant.EPOCH)), Checkpoint.START));
                writer.finish();
            }
        }

        assertThat(result.written()).isEqualTo(1);
        assertThat(result.rejected()).extracting(RecordError::row, RecordError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "ratio"), org.assertj.core.groups.Tuple.tuple(2, "at"));
        assertThat(result.rejected().get(0).message()).isEqualTo("is NaN, which MySQL cannot store");
        assertThat(result.rejected().get(1).message()).contains("outside the range a MySQL TIMESTAMP stores");
    }

    @Test
    void arraysAreRefusedWithAHintToMapThemToJson() {
        try (Connector connector = connector(settings())) {
            assertThatThrownBy(() -> connector.createObject("tagged",
                            List.of(Field.of("tags", CanonicalType.arrayOf(CanonicalType.STRING), true, false))))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("MySQL has no array type for tags (array<string>); map it to a json field.");
        }
    }

    @Test
    void timestampsAreStoredInUtcWhateverTheSessionZone() {
        List<Field> fields = List.of(Field.of("id", CanonicalType.INT32, false, true), Field.of("at", CanonicalType.TIMESTAMPTZ, true, false));
        try (Connector connector = connector(settings())) {
            connector.createObject("events", fields);
            try (BatchWriter writer = connector.openAppend("events", fields)) {
                writer.write(new RecordBatch(fields, List.of(new Row(1, Instant.parse("2024-06-01T02:30:00.123456Z"))), Checkpoint.START));
                writer.finish();
            }
        }

        assertThat(query("SELECT CAST(UNIX_TIMESTAMP(at) AS CHAR) FROM events")).containsExactly("1717209000.123456");
    }

    @Test
    void aReadStreamsFromTheServerAndFailsAsRetriableWhenItsConnectionEnds() {
        mariadb.execute("CREATE TABLE numbers (id INT PRIMARY KEY, filler VARCHAR(200))");
        mariadb.execute("INSERT INTO numbers SELECT seq, REPEAT('x', 200) FROM seq_1_to_200000");
        try (Connector connector = connector(settings())) {
            RecordReader reader = connector.read(new ReadRequest(mariadb.database(), "numbers", List.of(), Checkpoint.START, 10));
            reader.next().orElseThrow();

            String reading = query("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + mariadb.database() + "'"
                    + " AND ID <> CONNECTION_ID()").getFirst();
            mariadb.execute("KILL " + reading);
            // A read that had loaded the whole table would not notice; one that streams does.
            assertThatThrownBy(() -> {
                while (reader.next().isPresent()) {
                    // reads on until the stream needs the server again
                }
            }).isInstanceOf(RetriableConnectorException.class).hasMessageStartingWith("Reading " + mariadb.database() + ".numbers failed: ");
            assertThatThrownBy(reader::close).isInstanceOf(RetriableConnectorException.class);
        }
    }

    private List<String> query(String sql) {
        try (Connection connection = mariadb.connect(); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (resultSet.next()) {
                values.add(resultSet.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
