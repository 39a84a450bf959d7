package dev.tributary.server.connect;

import static dev.tributary.server.connect.CanonicalSamples.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.TestResult;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every source connector meets. A connector's test extends it, provides a fresh database and a way to
 * load fixture objects with the database's own tools; cases run when the factory declares what they need.
 */
public abstract class BaseSourceConnectorTest implements ConnectorContract {

    protected static final List<Field> EVENTS = List.of(
            Field.of("id", CanonicalType.INT32, false, true),
            Field.of("name", CanonicalType.STRING, true, false),
            Field.of("updated_at", CanonicalType.TIMESTAMP, true, false));

    protected static final List<Field> KEYLESS = List.of(
            Field.of("id", CanonicalType.INT32, false, false),
            Field.of("message", CanonicalType.STRING, true, false),
            Field.of("updated_at", CanonicalType.TIMESTAMP, true, false));

    protected Connector connector;

    @Override
    public Connector connectorUnderTest() {
        return connector;
    }

    /** Settings of a connection to the fresh database of this test. */
    protected abstract Map<String, Object> settings();

    /** The schema fixture objects are loaded into. */
    protected abstract String schema();

    /** Creates an object with these fields and primary key, and loads the rows, without the connector under test. */
    protected abstract void load(String object, List<Field> fields, List<Row> rows);

    @BeforeEach
    void openConnector() {
        connector = factory().create(factory().configSpec().bind(settings()));
    }

    @AfterEach
    void closeConnector() {
        connector.close();
    }

    @Test
    void testPassesWithValidSettings() {
        assertThat(connector.test()).isInstanceOf(TestResult.Passed.class);
    }

    @Test
    @RequiresCapability(Capability.SOURCE)
    void discoveryListsObjectsWithFieldsTypesNullabilityAndPrimaryKey() {
        load("samples", sampleFields(), List.of());

        ObjectSchema samples = connector.discover().object(schema(), "samples").orElseThrow();

        assertThat(samples.fields()).extracting(Field::name).containsExactlyElementsOf(sampleFields().stream().map(Field::name).toList());
        assertThat(samples.primaryKey()).containsExactly("id");
        for (Field expected : sampleFields()) {
            Field actual = samples.field(expected.name()).orElseThrow();
            assertThat(actual.nullable()).as(expected.name()).isEqualTo(expected.nullable());
            assertThat(actual.remoteType()).as(expected.name()).isNotBlank();
            if (expected.type() instanceof CanonicalType.Array array) {
                assertThat(actual.type()).as(expected.name()).isInstanceOfSatisfying(CanonicalType.Array.class,
                        actualArray -> assertThat(actualArray.element().getClass()).isEqualTo(array.element().getClass()));
            } else {
                assertThat(actual.type()).as(expected.name()).isEqualTo(discoveredType(expected));
            }
        }
    }

    @Test
    @RequiresCapability(Capability.SOURCE)
    void everyCanonicalTypeIsReadWithItsValueIntact() {
        load("samples", sampleFields(), sampleRows());

        List<RecordBatch> batches = readAll(connector.read(request("samples", Checkpoint.START, 100)));

        assertThat(batches).hasSize(1);
        assertSameRows(sampleFields(), batches.getFirst().rows(), sampleRows());
    }

    @Test
    @RequiresCapability(Capability.SOURCE)
    void fullReadReturnsEveryRecordInOrderInBoundedBatches() {
        load("events", EVENTS, events(25));

        List<RecordBatch> batches = readAll(connector.read(request("events", Checkpoint.START, 10)));

        assertThat(batches).extracting(batch -> batch.rows().size()).containsExactly(10, 10, 5);
        assertThat(ids(batches)).containsExactlyElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(batches.getLast().checkpoint().position()).isEqualTo(Map.of("id", "25"));
    }

    @Test
    @RequiresCapability(Capability.SOURCE)
    void readResumesAfterTheCheckpointOfTheLastCommittedBatch() {
        load("events", EVENTS, events(25));
        Checkpoint committed;
        try (RecordReader reader = connector.read(request("events", Checkpoint.START, 10))) {
            reader.next().orElseThrow();
            committed = reader.next().orElseThrow().checkpoint();
            // the run dies here, with the third batch read but not committed
            reader.next().orElseThrow();
        }

        List<RecordBatch> resumed = readAll(connector.read(request("events", committed, 10)));

        assertThat(ids(resumed)).containsExactlyElementsOf(IntStream.rangeClosed(21, 25).boxed().toList());
    }

    @Test
    @RequiresCapability(Capability.SOURCE)
    void resetCheckpointReadsEverythingAgain() {
        load("events", EVENTS, events(5));

        assertThat(ids(readAll(connector.read(request("events", Checkpoint.START, 2))))).containsExactly(1, 2, 3, 4, 5);
        assertThat(ids(readAll(connector.read(request("events", Checkpoint.START, 2))))).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    @RequiresCapability(Capability.SOURCE)
    void aCheckpointThatDoesNotFitTheReadIsRefusedWithAHintToResetIt() {
        load("events", EVENTS, events(3));

        assertThatThrownBy(() -> connector.read(request("events", new Checkpoint(Map.of("id", "three")), 10)))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The checkpoint's id 'three' is not a int32 value; reset the checkpoint.");
        assertThatThrownBy(() -> connector.read(request("events", new Checkpoint(Map.of("position", "3")), 10)))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("does not match the read").hasMessageEndingWith("reset the checkpoint.");
    }

    @Test
    @RequiresCapability(Capability.SOURCE)
    void readingAnObjectThatDoesNotExistSaysSo() {
        assertThatThrownBy(() -> connector.read(request("missing", Checkpoint.START, 10)))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("missing does not exist");
    }

    @Test
    @RequiresCapability({Capability.SOURCE, Capability.INCREMENTAL})
    void incrementalReadReturnsOnlyRecordsAfterTheTrackingValueInTrackingOrder() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(1, "late", LocalDateTime.of(2024, 1, 3, 0, 0)));
        rows.add(new Row(2, "early", LocalDateTime.of(2024, 1, 1, 0, 0)));
        rows.add(new Row(3, "middle", LocalDateTime.of(2024, 1, 2, 0, 0)));
        rows.add(new Row(4, "untracked", null));
        load("events", EVENTS, rows);

        List<RecordBatch> all = readAll(connector.readIncremental(request("events", Checkpoint.START, 10), "updated_at"));
        List<RecordBatch> after = readAll(connector.readIncremental(
                request("events", new Checkpoint(Map.of("updated_at", "2024-01-01T00:00")), 10), "updated_at"));

        assertThat(ids(all)).containsExactly(2, 3, 1);
        assertThat(all.getLast().checkpoint().position()).isEqualTo(Map.of("updated_at", "2024-01-03T00:00", "id", "1"));
        // A tracking value alone re-reads the records that share it, as some may not have been read yet.
        assertThat(ids(after)).containsExactly(2, 3, 1);
    }

    @Test
    @RequiresCapability({Capability.SOURCE, Capability.INCREMENTAL})
    void incrementalReadResumesWithoutLosingOrRepeatingRecordsThatShareATrackingValue() {
        LocalDateTime same = LocalDateTime.of(2024, 5, 1, 12, 0);
        load("events", EVENTS, IntStream.rangeClosed(1, 7).mapToObj(id -> new Row(id, "e" + id, id <= 5 ? same : same.plusHours(id))).toList());
        Checkpoint committed;
        try (RecordReader reader = connector.readIncremental(request("events", Checkpoint.START, 3), "updated_at")) {
            committed = reader.next().orElseThrow().checkpoint();
        }

        List<RecordBatch> resumed = readAll(connector.readIncremental(request("events", committed, 3), "updated_at"));

        assertThat(committed.position()).isEqualTo(Map.of("updated_at", "2024-05-01T12:00", "id", "3"));
        assertThat(ids(resumed)).containsExactly(4, 5, 6, 7);
    }

    @Test
    @RequiresCapability({Capability.SOURCE, Capability.INCREMENTAL})
    void incrementalReadOfAnObjectWithoutPrimaryKeyReadsRecordsSharingTheCheckpointValueAgain() {
        LocalDateTime same = LocalDateTime.of(2024, 5, 1, 12, 0);
        load("logs", KEYLESS, IntStream.rangeClosed(1, 7).mapToObj(id -> new Row(id, "e" + id, id <= 5 ? same : same.plusHours(id))).toList());
        RecordBatch first;
        try (RecordReader reader = connector.readIncremental(request("logs", Checkpoint.START, 3), "updated_at")) {
            first = reader.next().orElseThrow();
        }

        List<Integer> resumed = ids(readAll(connector.readIncremental(request("logs", first.checkpoint(), 3), "updated_at")));

        assertThat(first.checkpoint().position()).isEqualTo(Map.of("updated_at", "2024-05-01T12:00"));
        assertThat(resumed).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    @RequiresCapability(Capability.SOURCE)
    void fullReadOfAnObjectWithoutPrimaryKeyKeepsItsCheckpointAtTheStart() {
        load("logs", KEYLESS, events(5));

        List<RecordBatch> batches = readAll(connector.read(request("logs", Checkpoint.START, 2)));

        assertThat(ids(batches)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(batches).extracting(RecordBatch::checkpoint).containsOnly(Checkpoint.START);
    }

    @Test
    @RequiresCapability({Capability.SOURCE, Capability.INCREMENTAL})
    void incrementalReadRefusesATrackingFieldThatIsNotThere() {
        load("events", EVENTS, events(1));

        assertThatThrownBy(() -> connector.readIncremental(request("events", Checkpoint.START, 10), "modified"))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("modified is not a field").hasMessageContaining("updated_at");
    }

    protected ReadRequest request(String object, Checkpoint from, int batchSize) {
        return new ReadRequest(schema(), object, List.of(), from, batchSize);
    }

    protected static List<Row> events(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(id -> new Row(id, "event " + id, LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(id))).toList();
    }

    protected static List<RecordBatch> readAll(RecordReader reader) {
        try (reader) {
            List<RecordBatch> batches = new ArrayList<>();
            for (Optional<RecordBatch> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                batches.add(batch.get());
            }
            return batches;
        }
    }

    protected static List<Integer> ids(List<RecordBatch> batches) {
        return batches.stream().flatMap(batch -> batch.rows().stream()).map(row -> ((Number) row.get(0)).intValue()).toList();
    }
}
