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
import dev.tributary.server.connect.spi.RawChunk;
import dev.tributary.server.connect.spi.RawRecordReader;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.WriteResult;
import dev.tributary.server.connect.spi.IdentityMatch;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelObjectDetail;
import dev.tributary.server.connect.spi.ModelOperation;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.RecordOutcome;
import dev.tributary.server.connect.spi.RecordOutcome.SkipReason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
public abstract class BaseDestinationConnectorTest implements ModelSyncContract {

    protected static final List<Field> CUSTOMERS = List.of(
            Field.of("id", CanonicalType.INT64, false, true),
            Field.of("name", CanonicalType.STRING, true, false),
            Field.of("balance", CanonicalType.decimal(10, 2), true, false));

    /** A model sync's destination: no primary key, so matching by identity needs no unique constraint. */
    protected static final List<Field> CONTACTS = List.of(
            Field.of("id", CanonicalType.INT64, true, false),
            Field.of("email", CanonicalType.STRING, true, false),
            Field.of("name", CanonicalType.STRING, true, false),
            Field.of("score", CanonicalType.INT32, true, false));

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

    /** The model sync modes the connector's objects take: all of them unless a connector's test says otherwise. */
    @Override
    public Set<ModelSyncMode> modelModes() {
        return EnumSet.allOf(ModelSyncMode.class);
    }

    /**
     * Makes the destination refuse records whose {@code field} is negative, as a database CHECK constraint does, and
     * returns a part of the message the destination then gives (such as the constraint's name).
     */
    protected String refuseNegative(String object, String field) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no constraints to refuse records with");
    }

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

    @Test
    @RequiresCapability({Capability.SOURCE, Capability.DESTINATION, Capability.ATOMIC_REFRESH, Capability.RAW_COPY})
    void rawRecordsRefreshAnObjectOfTheSameFieldsWithEveryValueIntact() {
        connector.createObject("samples", sampleFields());
        append("samples", sampleFields(), sampleRows());
        connector.createObject("copies", sampleFields());
        String schema = connector.discover().schemas().stream().flatMap(found -> found.objects().stream())
                .filter(object -> object.name().equals("samples")).findFirst().orElseThrow().schema();
        int records = 0;

        try (RawRecordReader raw = connector.readRaw(new ReadRequest(schema, "samples", sampleFields().stream().map(Field::name).toList(),
                Checkpoint.START, 2));
             BatchWriter writer = connector.openReplace("copies", sampleFields())) {
            for (Optional<RawChunk> chunk = raw.next(); chunk.isPresent(); chunk = raw.next()) {
                writer.writeRaw(chunk.get());
                records += chunk.get().records();
            }
            assertThat(count("copies")).as("nothing shows before the refresh finishes").isZero();
            writer.finish();
        }

        assertThat(records).isEqualTo(sampleRows().size());
        assertThat(connector.rawFormat()).isNotBlank();
        assertSameRows(sampleFields(), readBack("copies", sampleFields()), sampleRows());
    }

    // --- model syncs ---

    @Test
    @RequiresCapability(Capability.MODEL_SYNC)
    void modelTargetsListTheObjectWithItsModesAndTheFieldsThatCanBeItsIdentity() {
        connector.createObject("contacts", CONTACTS);

        assertThat(connector.modelTargets()).containsExactly(new ModelObject("contacts", modelModes()));
        ModelObjectDetail detail = connector.modelTarget("contacts").orElseThrow();
        assertThat(detail.object()).isEqualTo(new ModelObject("contacts", modelModes()));
        assertThat(detail.fields()).extracting(field -> field.field().name()).containsExactly("id", "email", "name", "score");
        assertThat(detail.fields()).allSatisfy(field -> assertThat(field.createable()).isTrue());
        boolean matchesByIdentity = modelModes().stream().anyMatch(ModelSyncMode::requiresIdentity);
        assertThat(detail.fields().get(1).identityMatches())
                .isEqualTo(matchesByIdentity ? Set.of(IdentityMatch.EXACT, IdentityMatch.CASE_INSENSITIVE) : Set.of());
        assertThat(detail.fields().get(0).identityMatches()).isEqualTo(matchesByIdentity ? Set.of(IdentityMatch.EXACT) : Set.of());
        assertThat(connector.modelTarget("missing")).isEmpty();
    }

    @Test
    @RequiresModelMode(ModelSyncMode.UPDATE_OR_CREATE)
    void upsertUpdatesTheIdentitiesTheDestinationHasAndInsertsTheOthersReportingEachInOrder() {
        seedContacts(contact(1, "old 1", 10), contact(2, "old 2", 20), contact(3, "old 3", 30));

        List<RecordOutcome> outcomes = applyToContacts(ModelTarget.of("contacts", CONTACTS, "id"), ModelOperation.UPSERT,
                contact(3, "new 3", 33), contact(9, "new 9", 99), contact(1, "new 1", 11));

        assertThat(outcomes).containsExactly(RecordOutcome.UPDATED, RecordOutcome.INSERTED, RecordOutcome.UPDATED);
        assertThat(contactsBack()).containsExactly(
                contact(1, "new 1", 11), contact(2, "old 2", 20), contact(3, "new 3", 33), contact(9, "new 9", 99));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.CREATE)
    void insertNewAddsOnlyTheIdentitiesTheDestinationLacks() {
        seedContacts(contact(1, "old 1", 10));

        List<RecordOutcome> outcomes = applyToContacts(ModelTarget.of("contacts", CONTACTS, "id"), ModelOperation.INSERT_NEW,
                contact(1, "new 1", 11), contact(2, "new 2", 22));

        assertThat(outcomes).containsExactly(RecordOutcome.skipped(SkipReason.ALREADY_IN_DESTINATION), RecordOutcome.INSERTED);
        assertThat(contactsBack()).containsExactly(contact(1, "old 1", 10), contact(2, "new 2", 22));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.UPDATE)
    void updateExistingTouchesOnlyTheIdentitiesTheDestinationHas() {
        seedContacts(contact(1, "old 1", 10), contact(2, "old 2", 20));

        List<RecordOutcome> outcomes = applyToContacts(ModelTarget.of("contacts", CONTACTS, "id"), ModelOperation.UPDATE_EXISTING,
                contact(5, "new 5", 55), contact(2, "new 2", 22));

        assertThat(outcomes).containsExactly(RecordOutcome.skipped(SkipReason.NOT_IN_DESTINATION), RecordOutcome.UPDATED);
        assertThat(contactsBack()).containsExactly(contact(1, "old 1", 10), contact(2, "new 2", 22));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.REMOVE)
    void deleteRemovesTheRecordsWhoseIdentityIsInTheBatch() {
        seedContacts(contact(1, "old 1", 10), contact(2, "old 2", 20), contact(3, "old 3", 30));

        List<RecordOutcome> outcomes = applyToContacts(ModelTarget.of("contacts", CONTACTS, "id"), ModelOperation.DELETE,
                contact(3, "any", null), contact(7, "any", null), contact(1, "any", null));

        assertThat(outcomes).containsExactly(RecordOutcome.DELETED, RecordOutcome.skipped(SkipReason.NOT_IN_DESTINATION), RecordOutcome.DELETED);
        assertThat(contactsBack()).containsExactly(contact(2, "old 2", 20));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.APPEND)
    void appendInsertsEveryRecordOnEveryRun() {
        connector.createObject("contacts", CONTACTS);
        ModelTarget target = ModelTarget.of("contacts", CONTACTS, null);

        for (int run = 0; run < 2; run++) {
            assertThat(applyToContacts(target, ModelOperation.APPEND, contact(1, "one", 1), contact(1, "one", 1)))
                    .containsExactly(RecordOutcome.INSERTED, RecordOutcome.INSERTED);
        }

        assertThat(contactsBack()).hasSize(4).containsOnly(contact(1, "one", 1));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.UPDATE_OR_CREATE)
    void caseInsensitiveIdentitiesMatchWhateverTheCaseAndExactOnesDoNot() {
        seedContacts(new Row(1L, "Ann@Example.com", "Ann", 1));
        List<Field> fields = CONTACTS.subList(1, 4);

        List<RecordOutcome> insensitive = applyToContacts(new ModelTarget("contacts", fields, "email", IdentityMatch.CASE_INSENSITIVE, Set.of()),
                ModelOperation.UPSERT, new Row("ANN@example.COM", "Ann B.", 2));
        List<RecordOutcome> exact = applyToContacts(new ModelTarget("contacts", fields, "email", IdentityMatch.EXACT, Set.of()),
                ModelOperation.UPSERT, new Row("ann@example.com", "Ann C.", 3), new Row("Ann@Example.com", "Ann D.", 4));

        assertThat(insensitive).containsExactly(RecordOutcome.UPDATED);
        assertThat(exact).containsExactly(RecordOutcome.INSERTED, RecordOutcome.UPDATED);
        // the identity is matched, never rewritten
        assertThat(project(readBack("contacts", CONTACTS), 1, 2, 3)).containsExactlyInAnyOrder(
                new Row("Ann@Example.com", "Ann D.", 4), new Row("ann@example.com", "Ann C.", 3));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.UPDATE_OR_CREATE)
    void insertOnlyFieldsAreSetWhenInsertingAndOnUpdateOnlyWhereTheDestinationHasNoValue() {
        seedContacts(contact(1, "kept", 10), contact(2, null, 20));
        ModelTarget target = new ModelTarget("contacts", CONTACTS, "id", IdentityMatch.EXACT, Set.of("name"));

        List<RecordOutcome> outcomes = applyToContacts(target, ModelOperation.UPSERT,
                contact(1, "overwritten?", 11), contact(2, "filled", 22), contact(3, "inserted", 33));

        assertThat(outcomes).containsExactly(RecordOutcome.UPDATED, RecordOutcome.UPDATED, RecordOutcome.INSERTED);
        assertThat(contactsBack()).containsExactly(contact(1, "kept", 11), contact(2, "filled", 22), contact(3, "inserted", 33));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.REPLACE)
    void retainOnlyDeletesExactlyTheRecordsWhoseIdentityIsNotAmongThoseGiven() {
        seedContacts(contact(1, "a", 1), contact(2, "b", 2), contact(3, "c", 3), contact(4, "d", 4), new Row(null, null, "no identity", 0));

        long deleted;
        try (ModelWriter writer = connector.openModelWrite(ModelTarget.of("contacts", CONTACTS, "id"))) {
            deleted = writer.retainOnly(List.<Object>of(4L, 2L, 99L).iterator());
        }

        assertThat(deleted).isEqualTo(3);
        assertThat(contactsBack()).containsExactly(contact(2, "b", 2), contact(4, "d", 4));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.UPDATE_OR_CREATE)
    void aRecordTheDestinationRefusesIsRejectedWithItsMessageAndTheOthersAreApplied() {
        seedContacts(contact(1, "old 1", 10), contact(2, "old 2", 20));
        String refusal = refuseNegative("contacts", "score");

        List<RecordOutcome> outcomes = applyToContacts(ModelTarget.of("contacts", CONTACTS, "id"), ModelOperation.UPSERT,
                contact(3, "new 3", 30), contact(1, "refused update", -1), contact(4, "new 4", 40), contact(5, "refused insert", -5),
                contact(2, "new 2", 22));

        assertThat(outcomes.get(1)).isInstanceOfSatisfying(RecordOutcome.Rejected.class,
                rejected -> assertThat(rejected.message()).contains(refusal));
        assertThat(outcomes.get(3)).isInstanceOfSatisfying(RecordOutcome.Rejected.class,
                rejected -> assertThat(rejected.message()).contains(refusal));
        assertThat(List.of(outcomes.get(0), outcomes.get(2), outcomes.get(4)))
                .containsExactly(RecordOutcome.INSERTED, RecordOutcome.INSERTED, RecordOutcome.UPDATED);
        assertThat(contactsBack()).containsExactly(
                contact(1, "old 1", 10), contact(2, "new 2", 22), contact(3, "new 3", 30), contact(4, "new 4", 40));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.UPDATE_OR_CREATE)
    void recordsWithoutAnIdentityOrWithValuesTheDestinationCannotHoldAreRejectedPerField() {
        connector.createObject("contacts", CONTACTS);

        List<RecordOutcome> outcomes = applyToContacts(ModelTarget.of("contacts", CONTACTS, "id"), ModelOperation.UPSERT,
                contact(1, "fine", 1), new Row(null, null, "no identity", 2), new Row(3L, null, "not a number", "three"));

        assertThat(outcomes.getFirst()).isEqualTo(RecordOutcome.INSERTED);
        assertThat(outcomes.get(1)).isEqualTo(new RecordOutcome.Rejected("id", "is empty; a record needs an identity to be matched"));
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(RecordOutcome.Rejected.class, rejected -> {
            assertThat(rejected.field()).isEqualTo("score");
            assertThat(rejected.message()).contains("not a int32 value");
        });
        assertThat(contactsBack()).containsExactly(contact(1, "fine", 1));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.UPDATE_OR_CREATE)
    void recordsSharingAnIdentityInOneBatchApplyTheLastAndSkipTheEarlier() {
        seedContacts(contact(1, "old", 10));

        List<RecordOutcome> outcomes = applyToContacts(ModelTarget.of("contacts", CONTACTS, "id"), ModelOperation.UPSERT,
                contact(1, "first", 1), contact(2, "first", 2), contact(1, "last", 3), contact(2, "last", 4));

        RecordOutcome superseded = RecordOutcome.skipped(SkipReason.SUPERSEDED_IN_BATCH);
        assertThat(outcomes).containsExactly(superseded, superseded, RecordOutcome.UPDATED, RecordOutcome.INSERTED);
        assertThat(contactsBack()).containsExactly(contact(1, "last", 3), contact(2, "last", 4));
    }

    @Test
    @RequiresModelMode(ModelSyncMode.UPDATE_OR_CREATE)
    void identitiesOfTextIntegerAndUuidTypesMatch() {
        UUID first = UUID.fromString("0b5e7d52-8f0c-4a5e-9d1e-6f1f2b3c4d5e");
        UUID second = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
        Map<CanonicalType, List<Object>> identities = new LinkedHashMap<>();
        identities.put(CanonicalType.STRING, List.of("alpha", "beta"));
        identities.put(CanonicalType.INT32, List.of(7, 8));
        identities.put(CanonicalType.UUID, List.of(first, second));
        for (var identity : identities.entrySet()) {
            String object = "by_" + identity.getKey().displayName();
            List<Field> fields = List.of(Field.of("key", identity.getKey(), true, false), Field.of("label", CanonicalType.STRING, true, false));
            connector.createObject(object, fields);
            Object one = identity.getValue().get(0);
            Object two = identity.getValue().get(1);
            try (ModelWriter writer = connector.openModelWrite(ModelTarget.of(object, fields, "key"))) {
                assertThat(writer.apply(ModelOperation.UPSERT, List.of(new Row(one, "inserted")))).containsExactly(RecordOutcome.INSERTED);
                assertThat(writer.apply(ModelOperation.UPSERT, List.of(new Row(two, "inserted"), new Row(one, "updated"))))
                        .containsExactly(RecordOutcome.INSERTED, RecordOutcome.UPDATED);
            }
            assertThat(readBack(object, fields)).as(object).containsExactlyInAnyOrder(new Row(one, "updated"), new Row(two, "inserted"));
        }
    }

    @Test
    @RequiresModelMode(ModelSyncMode.UPDATE_OR_CREATE)
    void anIdentityThatCannotMatchAsAskedIsRefusedWhenTheWriterOpens() {
        connector.createObject("contacts", CONTACTS);

        assertThatThrownBy(() -> connector.openModelWrite(new ModelTarget("contacts", CONTACTS, "id", IdentityMatch.CASE_INSENSITIVE, Set.of())))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("cannot be matched case-insensitively")
                .hasMessageContaining("choose exact matching");
    }

    @Override
    public void assertRefuses(ModelSyncMode mode) {
        connector.createObject("contacts", CONTACTS);
        try (ModelWriter writer = connector.openModelWrite(ModelTarget.of("contacts", CONTACTS, "id"))) {
            ModelOperation operation = mode.operations().iterator().next();
            assertThatThrownBy(() -> {
                if (mode == ModelSyncMode.REPLACE) {
                    writer.retainOnly(List.of().iterator());
                } else {
                    writer.apply(operation, List.of());
                }
            }).as("an object that does not take %s refuses it", mode)
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining(mode == ModelSyncMode.REPLACE ? "REPLACE" : operation.name());
        }
    }

    protected static Row contact(long id, String name, Integer score) {
        return new Row(id, "c" + id + "@example.com", name, score);
    }

    private void seedContacts(Row... rows) {
        connector.createObject("contacts", CONTACTS);
        append("contacts", CONTACTS, List.of(rows));
    }

    private List<RecordOutcome> applyToContacts(ModelTarget target, ModelOperation operation, Row... records) {
        try (ModelWriter writer = connector.openModelWrite(target)) {
            return writer.apply(operation, List.of(records));
        }
    }

    /** The contacts in identity order; an object without a primary key is read back in no particular order. */
    private List<Row> contactsBack() {
        return readBack("contacts", CONTACTS).stream()
                .sorted(Comparator.comparing((Row row) -> (Long) row.get(0), Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }

    private static List<Row> project(List<Row> rows, int... indexes) {
        return rows.stream().map(row -> new Row(IntStream.of(indexes).mapToObj(row::get).toArray())).toList();
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
