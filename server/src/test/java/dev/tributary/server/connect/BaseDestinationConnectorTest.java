package dev.tributary.server.connect;

import static dev.tributary.server.connect.CanonicalSamples.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.WriteResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every destination connector meets. A connector's test extends it, provides a fresh database and ways
 * to read an object back and count it; cases run when the factory declares what they need.
 */
public abstract class BaseDestinationConnectorTest implements ConnectorContract {

    protected static final List<Field> CUSTOMERS = List.of(
            Field.of("id", CanonicalType.INT64, false, true),
            Field.of("name", CanonicalType.STRING, true, false),
            Field.of("balance", CanonicalType.decimal(10, 2), true, false));

    protected Connector connector;

    @Override
    public Connector connectorUnderTest() {
        return connector;
    }

    /** Settings of a connection to the fresh database of this test. */
    protected abstract Map<String, Object> settings();

    /** Every record of the object, ordered by its first field. */
    protected abstract List<Row> readBack(String object, List<Field> fields);

    /** The number of records in the object, read by another connection. */
    protected abstract long count(String object);

    @BeforeEach
    void openConnector() {
        connector = factory().create(factory().configSpec().bind(settings()));
    }

    @AfterEach
    void closeConnector() {
        connector.close();
    }

    @Test
    @RequiresCapability(Capability.DESTINATION)
    void everyCanonicalTypeRoundTripsWithItsValueIntact() {
        connector.createObject("samples", sampleFields());

        try (BatchWriter writer = connector.openAppend("samples", sampleFields())) {
            WriteResult result = writer.write(batch(sampleFields(), sampleRows()));
            writer.finish();
            assertThat(result.rejected()).isEmpty();
            assertThat(result.written()).isEqualTo(sampleRows().size());
        }

        assertSameRows(sampleFields(), readBack("samples", sampleFields()), sampleRows());
    }

    @Test
    @RequiresCapability(Capability.DESTINATION)
    void appendedBatchIsCommittedWhenWriteReturns() {
        connector.createObject("customers", CUSTOMERS);

        try (BatchWriter writer = connector.openAppend("customers", CUSTOMERS)) {
            writer.write(batch(CUSTOMERS, customers(1, 3, "first")));
            assertThat(count("customers")).isEqualTo(3);
            writer.write(batch(CUSTOMERS, customers(4, 5, "second")));
            assertThat(count("customers")).isEqualTo(5);
            writer.finish();
        }

        assertThat(readBack("customers", CUSTOMERS)).containsExactlyElementsOf(concat(customers(1, 3, "first"), customers(4, 5, "second")));
    }

    @Test
    @RequiresCapability(Capability.DESTINATION)
    void addedFieldsAreEmptyForExistingRecordsAndWritable() {
        connector.createObject("customers", CUSTOMERS);
        append("customers", CUSTOMERS, customers(1, 2, "old"));
        List<Field> wider = concat(CUSTOMERS, List.of(Field.of("email", CanonicalType.STRING, true, false)));

        connector.addFields("customers", List.of(wider.getLast()));
        append("customers", wider, List.of(new Row(3L, "new", new BigDecimal("1.00"), "new@example.com")));

        assertThat(readBack("customers", wider)).containsExactly(
                new Row(1L, "old 1", new BigDecimal("1.00"), null),
                new Row(2L, "old 2", new BigDecimal("2.00"), null),
                new Row(3L, "new", new BigDecimal("1.00"), "new@example.com"));
    }

    @Test
    @RequiresCapability(Capability.DESTINATION)
    void valuesTheDestinationCannotHoldAreReportedPerFieldAndNeverTruncated() {
        connector.createObject("customers", CUSTOMERS);
        List<Row> rows = List.of(
                new Row(1L, "fits", new BigDecimal("12345678.99")),
                new Row(2L, "too many digits", new BigDecimal("123456789.00")),
                new Row(3L, "too precise", new BigDecimal("1.005")),
                new Row(4L, "fits too", null));

        WriteResult result;
        try (BatchWriter writer = connector.openAppend("customers", CUSTOMERS)) {
            result = writer.write(batch(CUSTOMERS, rows));
            writer.finish();
        }

        assertThat(result.written()).isEqualTo(2);
        assertThat(result.rejected()).extracting(RecordError::row, RecordError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "balance"), org.assertj.core.groups.Tuple.tuple(2, "balance"));
        assertThat(result.rejected().get(0).message()).contains("digits before the decimal point").contains("at most 8");
        assertThat(result.rejected().get(1).message()).contains("digits after the decimal point").contains("at most 2");
        assertThat(readBack("customers", CUSTOMERS)).containsExactly(rows.get(0), rows.get(3));
    }

    @Test
    @RequiresCapability(Capability.DESTINATION)
    void writingToAnObjectThatDoesNotExistSaysSo() {
        assertThatThrownBy(() -> connector.openAppend("missing", CUSTOMERS))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("missing does not exist");
    }

    @Test
    @RequiresCapability({Capability.DESTINATION, Capability.UPSERT})
    void upsertInsertsNewRecordsAndUpdatesThoseWhosePrimaryKeyExists() {
        connector.createObject("customers", CUSTOMERS);
        append("customers", CUSTOMERS, customers(1, 3, "old"));

        try (BatchWriter writer = connector.openUpsert("customers", CUSTOMERS)) {
            WriteResult result = writer.write(batch(CUSTOMERS, List.of(
                    new Row(2L, "changed", new BigDecimal("20.00")),
                    new Row(4L, "added", null),
                    new Row(4L, "added twice, last wins", new BigDecimal("4.00")))));
            writer.finish();
            assertThat(result.written()).isEqualTo(2);
        }

        assertThat(readBack("customers", CUSTOMERS)).containsExactly(
                new Row(1L, "old 1", new BigDecimal("1.00")),
                new Row(2L, "changed", new BigDecimal("20.00")),
                new Row(3L, "old 3", new BigDecimal("3.00")),
                new Row(4L, "added twice, last wins", new BigDecimal("4.00")));
    }

    @Test
    @RequiresCapability({Capability.DESTINATION, Capability.UPSERT})
    void upsertResumedFromTheLastCheckpointLeavesNoDuplicates() {
        connector.createObject("customers", CUSTOMERS);
        try (BatchWriter writer = connector.openUpsert("customers", CUSTOMERS)) {
            writer.write(batch(CUSTOMERS, customers(1, 10, "run")));
            // the run dies after committing this batch, before its checkpoint was stored
            writer.write(batch(CUSTOMERS, customers(11, 20, "run")));
        }

        try (BatchWriter writer = connector.openUpsert("customers", CUSTOMERS)) {
            writer.write(batch(CUSTOMERS, customers(11, 20, "run")));
            writer.write(batch(CUSTOMERS, customers(21, 25, "run")));
            writer.finish();
        }

        assertThat(readBack("customers", CUSTOMERS)).containsExactlyElementsOf(customers(1, 25, "run"));
    }

    @Test
    @RequiresCapability({Capability.DESTINATION, Capability.UPSERT})
    void upsertNeedsThePrimaryKeyAmongTheFieldsWritten() {
        connector.createObject("customers", CUSTOMERS);

        assertThatThrownBy(() -> connector.openUpsert("customers", CUSTOMERS.subList(1, 3)))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("primary key [id]");
    }

    @Test
    @RequiresCapability({Capability.DESTINATION, Capability.ATOMIC_REFRESH})
    void fullRefreshReplacesTheContentOnlyWhenFinished() {
        connector.createObject("customers", CUSTOMERS);
        append("customers", CUSTOMERS, customers(1, 3, "old"));

        try (BatchWriter writer = connector.openReplace("customers", CUSTOMERS)) {
            writer.write(batch(CUSTOMERS, customers(10, 14, "new")));
            writer.write(batch(CUSTOMERS, customers(15, 19, "new")));
            assertThat(readBack("customers", CUSTOMERS)).containsExactlyElementsOf(customers(1, 3, "old"));
            writer.finish();
        }

        assertThat(readBack("customers", CUSTOMERS)).containsExactlyElementsOf(customers(10, 19, "new"));
    }

    @Test
    @RequiresCapability({Capability.DESTINATION, Capability.ATOMIC_REFRESH})
    void abandonedFullRefreshLeavesTheObjectAsItWas() {
        connector.createObject("customers", CUSTOMERS);
        append("customers", CUSTOMERS, customers(1, 3, "old"));

        try (BatchWriter writer = connector.openReplace("customers", CUSTOMERS)) {
            writer.write(batch(CUSTOMERS, customers(10, 14, "new")));
        }

        assertThat(readBack("customers", CUSTOMERS)).containsExactlyElementsOf(customers(1, 3, "old"));
        assertThat(connector.discover().schemas().stream().flatMap(schema -> schema.objects().stream()).map(object -> object.name()))
                .containsExactly("customers");
    }

    @Test
    @RequiresCapability({Capability.DESTINATION, Capability.ATOMIC_REFRESH})
    void concurrentReaderNeverSeesAHalfLoadedTableDuringAFullRefresh() throws Exception {
        connector.createObject("customers", CUSTOMERS);
        append("customers", CUSTOMERS, customers(1, 100, "old"));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean refreshed = new AtomicBoolean();
        CountDownLatch readerStarted = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> reader = executor.submit(() -> {
                // Reads until it has seen the refresh land, whatever the timing.
                while (!refreshed.get() || !seen.contains(250L)) {
                    seen.add(count("customers"));
                    readerStarted.countDown();
                }
                return null;
            });
            readerStarted.await();
            try (BatchWriter writer = connector.openReplace("customers", CUSTOMERS)) {
                for (int first = 1; first <= 250; first += 50) {
                    writer.write(batch(CUSTOMERS, customers(first, first + 49, "new")));
                }
                writer.finish();
            }
            refreshed.set(true);
            reader.get();
        }

        assertThat(seen).containsExactlyInAnyOrder(100L, 250L);
    }

    protected void append(String object, List<Field> fields, List<Row> rows) {
        try (BatchWriter writer = connector.openAppend(object, fields)) {
            assertThat(writer.write(batch(fields, rows)).rejected()).isEmpty();
            writer.finish();
        }
    }

    protected static RecordBatch batch(List<Field> fields, List<Row> rows) {
        return new RecordBatch(fields, rows, Checkpoint.START);
    }

    protected static List<Row> customers(int first, int last, String name) {
        return IntStream.rangeClosed(first, last)
                .mapToObj(id -> new Row((long) id, name + " " + id, new BigDecimal(id).setScale(2)))
                .toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
