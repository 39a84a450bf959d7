package dev.tributary.server.modelsync;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.modelsync.ModelSyncRequest.FieldMapping;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.IdentityMatch;
import dev.tributary.server.connect.spi.ModelObjectDetail;
import dev.tributary.server.connect.spi.ModelOperation;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.RecordOutcome;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connection.ConnectionService;
import dev.tributary.server.http.Json;
import dev.tributary.server.jobs.JobResult;
import dev.tributary.server.jobs.Lease;
import dev.tributary.server.jobs.Retries;
import dev.tributary.server.store.Connection;
import dev.tributary.server.store.Model;
import dev.tributary.server.store.ModelSync;
import dev.tributary.server.store.ModelSyncExecution;
import dev.tributary.server.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one execution of a model sync: reads the model, filters, overrides and maps its records, compares them with the
 * last run's snapshot (sorted on disk, so memory stays flat), sends what changed as the mode says, and keeps the new
 * snapshot only once the run has ended: a run that fails or is canceled leaves the old snapshot, and the next run sends
 * its changes again (upserts and deletes by identity repeat safely). Records the destination refused stay out of the
 * new snapshot, so the next run tries them again.
 */
public final class ModelSyncRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelSyncRunner.class);
    /** What the external sort keeps in memory before it spills a run to disk. */
    private static final long SORT_BUDGET = 64L << 20;

    private final Store store;
    private final ConnectionService connections;
    private final Snapshots snapshots;
    private final RecordLogs logs;
    private final Path workDirectory;
    private final int batchSize;
    private final Clock clock;

    public ModelSyncRunner(Store store, ConnectionService connections, Snapshots snapshots, RecordLogs logs, Path workDirectory, int batchSize,
            Clock clock) {
        this.store = store;
        this.connections = connections;
        this.snapshots = snapshots;
        this.logs = logs;
        this.workDirectory = workDirectory;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    JobResult run(ModelSync sync, Model model, ModelSyncExecution execution, boolean recordLogging, Lease lease) {
        Tally tally = new Tally();
        try (RecordLogs.Log log = logs.open(sync.id(), execution.id(), recordLogging, workDirectory)) {
            ModelSyncService.Mapping mapping = ModelSyncService.mapping(sync);
            List<Field> modelFields = ModelSyncService.fields(model);
            List<FieldError> problems = new ArrayList<>();
            Optional<Predicate<Row>> keep = Conditions.filter(modelFields, mapping.filters(), mapping.filterLogic(), problems);
            Optional<UnaryOperator<Row>> overrides = Conditions.overrides(modelFields, mapping.overrides(), problems);
            if (!problems.isEmpty()) {
                return JobResult.failed("the sync no longer fits its model: " + problems.stream().map(p -> p.field() + " " + p.message())
                        .collect(Collectors.joining("; ")) + " Edit the sync.", false);
            }
            Connection source = connections.get(sync.organizationId(), model.settings().connectionId());
            Connection destination = connections.get(sync.organizationId(), sync.settings().targetConnectionId());
            ModelSyncMode mode = ModelSyncService.mode(sync.settings().mode());
            return connections.withConnector(destination, writerSide -> {
                ModelObjectDetail object = writerSide.modelTarget(sync.settings().targetObject()).orElseThrow(() -> new IllegalStateException(
                        "the destination no longer has the object " + sync.settings().targetObject()));
                Plan plan = Plan.of(mapping, modelFields, object, mode);
                String configuration = Snapshots.fingerprint(sync.settings().mode() + sync.settings().settings());
                boolean fresh = execution.resync() || mapping.syncAllRecords();
                try (ExternalSort current = new ExternalSort(workDirectory.resolve("sort-" + execution.id()), SORT_BUDGET);
                     EntrySource previous = fresh ? EntrySource.EMPTY : snapshots.previous(sync.id(), configuration)) {
                    connections.withConnector(source, readerSide -> {
                        read(readerSide, model, keep.get(), overrides.get(), plan, current, tally, log, execution, lease);
                        return null;
                    });
                    progress(execution, tally, lease);
                    if (lease.stopping()) {
                        return JobResult.canceled();
                    }
                    boolean firstRun = !snapshots.exists(sync.id(), configuration);
                    try {
                        send(sync, execution, writerSide, plan, current.sorted(), previous, configuration, firstRun, tally, log, lease);
                    } finally {
                        log.publish();
                    }
                    if (lease.stopping()) {
                        return JobResult.canceled();
                    }
                }
                progress(execution, tally, lease);
                if (lease.stopping()) {
                    return JobResult.canceled();
                }
                return JobResult.completed(tally.errors > 0);
            });
        } catch (Lease.LeaseLostException lost) {
            throw lost;
        } catch (RuntimeException failure) {
            log.warn("Sync {} failed: {}", sync.id(), failure.getMessage());
            return JobResult.failed(failure.getMessage(), Retries.isTransient(failure));
        }
    }

    /**
     * Reads the model, keeps the records the filters pass, and adds each one's mapped values to the sort. The count of
     * records read is published every batch, so a long read shows its progress (and rate) while it runs.
     */
    private void read(Connector reader, Model model, Predicate<Row> keep, UnaryOperator<Row> overrides, Plan plan, ExternalSort sorted,
            Tally tally, RecordLogs.Log log, ModelSyncExecution execution, Lease lease) {
        ModelService.read(reader, model, batchSize, row -> {
            Row record = overrides.apply(row);
            if (keep.test(record)) {
                tally.total++;
                if (tally.total % batchSize == 0) {
                    progress(execution, tally, lease);
                }
                Row mapped = plan.map(record);
                Object identity = plan.identityOf(mapped);
                if (plan.needsIdentity() && identity == null) {
                    tally.errors++;
                    log.write(RecordLogs.Type.ERRORS, plan.describe(mapped, "error", "the record has no identity (" + plan.target().identityField()
                            + " is empty)"));
                } else {
                    sorted.add(Entry.of(plan.identityKey(identity), Snapshots.hash(mapped), plan.encode(mapped)));
                }
            }
            return !lease.stopping();
        });
    }

    /** Compares with the snapshot and applies the changes batch by batch, writing the new snapshot in identity order. */
    private void send(ModelSync sync, ModelSyncExecution execution, Connector writerSide, Plan plan, EntrySource current,
            EntrySource previous, String configuration, boolean firstRun, Tally tally, RecordLogs.Log log, Lease lease) {
        Delivery delivery = execution.test() ? Delivery.DRY_RUN
                : firstRun && ModelSyncService.mapping(sync).skipInitialBackfill() ? Delivery.RECORD_ONLY : Delivery.SEND;
        boolean retain = plan.mode() == ModelSyncMode.REPLACE && firstRun && delivery == Delivery.SEND;
        Path kept = workDirectory.resolve("kept-" + execution.id());
        try (ModelWriter writer = delivery == Delivery.DRY_RUN ? null : writerSide.openModelWrite(plan.target());
             Snapshots.Draft draft = snapshots.draft(sync.id(), configuration, workDirectory.resolve("snapshots"));
             Snapshots.Draft identities = snapshots.draft(sync.id(), configuration, kept);
             current) {
            Sender sender = new Sender(writer, plan, draft, retain ? Optional.of(identities) : Optional.empty(), tally, log, delivery, lease,
                    () -> progress(execution, tally, lease));
            SnapshotDiff.compare(current, previous, sender);
            sender.flush();
            if (retain && !lease.stopping()) {
                try (EntrySource all = identities.reopen()) {
                    tally.deletes += writer.retainOnly(plan.identities(all));
                }
            }
            if (delivery != Delivery.DRY_RUN && !lease.stopping() && plan.mode() != ModelSyncMode.APPEND) {
                draft.commit();
            }
        }
    }

    /** Whether a run sends its changes, only says what it would send (a dry run), or only records them (skip initial backfill). */
    private enum Delivery { SEND, DRY_RUN, RECORD_ONLY }

    private void progress(ModelSyncExecution execution, Tally tally, Lease lease) {
        store.inTransaction(session -> {
            lease.hold(session);
            session.find(ModelSyncExecution.class, execution.id()).count(tally.counts(), clock.instant());
            return null;
        });
    }

    /** Record counts as the run goes. */
    private static final class Tally {
        long total;
        long inserts;
        long updates;
        long upserts;
        long deletes;
        long errors;
        long warnings;

        ModelSyncExecution.Counts counts() {
            return new ModelSyncExecution.Counts(total, inserts, updates, upserts, deletes, errors, warnings);
        }
    }

    /**
     * Turns the diff into writer operations as the mode says, in batches, and writes the new snapshot in identity
     * order: an entry waits in {@code pending} until its batch's outcome says what the destination now holds.
     */
    private final class Sender implements SnapshotDiff.Changes {
        private final ModelWriter writer;
        private final Plan plan;
        private final Snapshots.Draft draft;
        private final Optional<Snapshots.Draft> kept;
        private final Tally tally;
        private final RecordLogs.Log log;
        private final Delivery delivery;
        private final Lease lease;
        private final Runnable afterBatch;
        private final Map<ModelOperation, List<Pending>> batches = new EnumMap<>(ModelOperation.class);
        private final Deque<Pending> pending = new ArrayDeque<>();

        Sender(ModelWriter writer, Plan plan, Snapshots.Draft draft, Optional<Snapshots.Draft> kept, Tally tally, RecordLogs.Log log,
                Delivery delivery, Lease lease, Runnable afterBatch) {
            this.writer = writer;
            this.plan = plan;
            this.draft = draft;
            this.kept = kept;
            this.tally = tally;
            this.log = log;
            this.delivery = delivery;
            this.lease = lease;
            this.afterBatch = afterBatch;
        }

        /** One model record on its way: what the snapshot keeps for it depends on what the destination did. */
        private final class Pending {
            final Entry current;
            final Entry previous;
            RecordOutcome outcome;
            boolean resolved;

            Pending(Entry current, Entry previous) {
                this.current = current;
                this.previous = previous;
            }
        }

        @Override
        public void insert(Entry current) {
            change(current, null, plan.onNew());
        }

        @Override
        public void update(Entry current, Entry previous) {
            change(current, previous, plan.onChanged());
        }

        @Override
        public void delete(Entry previous) {
            if (plan.mode() == ModelSyncMode.REPLACE) {
                queue(new Pending(null, previous), ModelOperation.DELETE);
            }
        }

        @Override
        public void unchanged(Entry current, Entry previous) {
            remember(current);
            Pending done = new Pending(previous, previous);
            done.resolved = true;
            pending.add(done);
            drain();
        }

        @Override
        public void duplicate(List<Entry> records, Optional<Entry> previous) {
            tally.errors += records.size();
            records.forEach(record -> log.write(RecordLogs.Type.ERRORS, plan.describe(plan.decode(record.payload()), "error",
                    records.size() + " records of the model share this identity; none is sent")));
            Pending untouched = new Pending(previous.orElse(null), previous.orElse(null));
            untouched.resolved = true;
            pending.add(untouched);
            drain();
        }

        private void change(Entry current, Entry previous, Optional<ModelOperation> operation) {
            remember(current);
            if (operation.isEmpty()) {
                Pending unsent = new Pending(previous, previous);
                unsent.resolved = true;
                pending.add(unsent);
                drain();
                return;
            }
            queue(new Pending(current, previous), operation.get());
        }

        /** A replace sync's first run keeps, on disk, every identity of the model for {@link ModelWriter#retainOnly}. */
        private void remember(Entry current) {
            kept.ifPresent(identities -> identities.addWhole(current));
        }

        private void queue(Pending record, ModelOperation operation) {
            pending.add(record);
            List<Pending> batch = batches.computeIfAbsent(operation, ignored -> new ArrayList<>());
            batch.add(record);
            if (batch.size() >= batchSize) {
                flush();
            }
        }

        /** Sends every waiting batch and writes the snapshot entries they settle. */
        void flush() {
            for (Map.Entry<ModelOperation, List<Pending>> batch : batches.entrySet()) {
                apply(batch.getKey(), batch.getValue());
                batch.getValue().clear();
            }
            drain();
            afterBatch.run();
        }

        private void apply(ModelOperation operation, List<Pending> records) {
            if (records.isEmpty()) {
                return;
            }
            if (lease.stopping()) {
                // Canceled: nothing more is sent, and the snapshot is not kept.
                records.forEach(record -> record.resolved = true);
                return;
            }
            List<Row> rows = records.stream().map(record -> record.current != null ? plan.decode(record.current.payload())
                    : plan.deletion(record.previous)).toList();
            List<RecordOutcome> outcomes = delivery == Delivery.SEND ? writer.apply(operation, rows)
                    : records.stream().map(record -> expected(operation, record)).toList();
            for (int i = 0; i < records.size(); i++) {
                Pending record = records.get(i);
                record.outcome = outcomes.get(i);
                record.resolved = true;
                if (delivery == Delivery.RECORD_ONLY) {
                    continue;
                }
                Row row = rows.get(i);
                if (operation == ModelOperation.UPSERT && (record.outcome instanceof RecordOutcome.Inserted
                        || record.outcome instanceof RecordOutcome.Updated)) {
                    tally.upserts++;
                }
                log.write(RecordLogs.Type.RECORDS, plan.describe(row, "operation", operation.name().toLowerCase(Locale.ROOT)));
                switch (record.outcome) {
                    case RecordOutcome.Inserted ignored -> {
                        tally.inserts++;
                        log.write(RecordLogs.Type.INSERTS, plan.describe(row, null, null));
                    }
                    case RecordOutcome.Updated ignored -> {
                        tally.updates++;
                        log.write(RecordLogs.Type.UPDATES, plan.describe(row, null, null));
                    }
                    case RecordOutcome.Deleted ignored -> {
                        tally.deletes++;
                        log.write(RecordLogs.Type.DELETES, plan.describe(row, null, null));
                    }
                    case RecordOutcome.Skipped skipped -> {
                        tally.warnings++;
                        log.write(RecordLogs.Type.WARNINGS, plan.describe(row, "warning", skipped.reason().description()));
                    }
                    case RecordOutcome.Rejected rejected -> {
                        tally.errors++;
                        log.write(RecordLogs.Type.ERRORS, plan.describe(row, "error", rejected.message()
                                + (rejected.field().isEmpty() ? "" : " (field " + rejected.field() + ")")));
                    }
                }
            }
        }

        /** What an operation would do, judged from the snapshot: a record the last run sent is updated, another inserted. */
        private RecordOutcome expected(ModelOperation operation, Pending record) {
            return switch (operation) {
                case DELETE -> RecordOutcome.DELETED;
                case APPEND, INSERT_NEW -> RecordOutcome.INSERTED;
                case UPSERT, UPDATE_EXISTING -> record.previous == null ? RecordOutcome.INSERTED : RecordOutcome.UPDATED;
            };
        }

        /** Writes the snapshot entries of the settled records at the head of the queue, in identity order. */
        private void drain() {
            while (!pending.isEmpty() && pending.peekFirst().resolved) {
                Pending record = pending.pollFirst();
                held(record).ifPresent(draft::add);
            }
        }

        /** What the destination holds for a record after its operation, as far as the snapshot needs to know. */
        private Optional<Entry> held(Pending record) {
            if (record.outcome == null) {
                return Optional.ofNullable(record.previous);
            }
            return switch (record.outcome) {
                case RecordOutcome.Inserted ignored -> Optional.of(record.current);
                case RecordOutcome.Updated ignored -> Optional.of(record.current);
                case RecordOutcome.Deleted ignored -> Optional.empty();
                case RecordOutcome.Skipped skipped -> skipped.reason() == RecordOutcome.SkipReason.ALREADY_IN_DESTINATION
                        ? Optional.of(record.current) : Optional.ofNullable(record.previous).filter(ignored -> record.current != null);
                case RecordOutcome.Rejected ignored -> Optional.ofNullable(record.previous);
            };
        }

    }

    /** How a sync's records become the destination's: mapped fields, identity, and the operations its mode needs. */
    record Plan(ModelSyncMode mode, ModelTarget target, int[] sources, Object[] constants, IdentityMatch match) {

        static Plan of(ModelSyncService.Mapping mapping, List<Field> modelFields, ModelObjectDetail object, ModelSyncMode mode) {
            List<String> names = modelFields.stream().map(Field::name).toList();
            List<Field> targetFields = new ArrayList<>();
            List<Integer> sources = new ArrayList<>();
            List<Object> constants = new ArrayList<>();
            Set<String> insertOnly = new java.util.HashSet<>();
            for (FieldMapping field : mapping.fields()) {
                Field target = targetField(object, field.target());
                targetFields.add(target);
                sources.add(field.source() == null || field.source().field() == null ? -1 : names.indexOf(field.source().field()));
                constants.add(field.overrideValue() == null ? null : CanonicalValues.parse(target.type(), String.valueOf(field.overrideValue())));
                if ("create".equalsIgnoreCase(field.syncMode())) {
                    insertOnly.add(field.target());
                }
            }
            String identityField = null;
            IdentityMatch match = IdentityMatch.EXACT;
            if (mapping.identity() != null) {
                identityField = mapping.identity().target();
                match = ModelSyncService.match(mapping.identity());
                if (targetFields.stream().noneMatch(field -> field.name().equals(mapping.identity().target()))) {
                    targetFields.add(targetField(object, identityField));
                    sources.add(names.indexOf(mapping.identity().source().field()));
                    constants.add(null);
                }
                insertOnly.remove(identityField);
            }
            return new Plan(mode, new ModelTarget(object.object().name(), targetFields, identityField, match, insertOnly),
                    sources.stream().mapToInt(Integer::intValue).toArray(), constants.toArray(), match);
        }

        private static Field targetField(ModelObjectDetail object, String name) {
            return object.fields().stream().map(ModelObjectDetail.ModelField::field).filter(field -> field.name().equals(name)).findFirst()
                    .orElseGet(() -> Field.of(name, CanonicalType.STRING, true, false));
        }

        /** The record's values in the target's field order, converted to the target fields' types where they differ. */
        Row map(Row record) {
            Object[] values = new Object[sources.length];
            for (int i = 0; i < values.length; i++) {
                Object value = sources[i] < 0 ? constants[i] : record.get(sources[i]);
                values[i] = convert(value, target.fields().get(i).type());
            }
            return new Row(values);
        }

        /** The record a delete sends for an identity known only from the snapshot. */
        Row deletion(Entry previous) {
            Object[] values = new Object[sources.length];
            values[target.identityIndex()] = CanonicalValues.parse(target.identity().type(), previous.identityText());
            return new Row(values);
        }

        /** The identities of kept entries, as values of the identity field's type, read one at a time. */
        java.util.Iterator<Object> identities(EntrySource entries) {
            return new java.util.Iterator<>() {
                private Optional<Entry> next = entries.next();

                @Override
                public boolean hasNext() {
                    return next.isPresent();
                }

                @Override
                public Object next() {
                    Entry entry = next.orElseThrow();
                    next = entries.next();
                    return identityOf(Plan.this.decode(entry.payload()));
                }
            };
        }

        /**
         * A mapped record as bytes in the sort files: per value a marker (absent, text) and the value as the canonical text
         * of its field's type, which reads back to an equal value. Arrays, which have no such text, go as JSON.
         */
        byte[] encode(Row mapped) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64 + 16 * mapped.size());
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                for (int i = 0; i < mapped.size(); i++) {
                    Object value = mapped.get(i);
                    if (value == null) {
                        out.writeByte(0);
                        continue;
                    }
                    CanonicalType type = target.fields().get(i).type();
                    byte[] text = (type instanceof CanonicalType.Array ? Json.mapper().writeValueAsString(value)
                            : CanonicalValues.format(type, value)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeByte(1);
                    out.writeInt(text.length);
                    out.write(text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        Row decode(byte[] payload) {
            Object[] values = new Object[target.fields().size()];
            try (java.io.DataInputStream in = new java.io.DataInputStream(new ByteArrayInputStream(payload))) {
                for (int i = 0; i < values.length; i++) {
                    if (in.readByte() == 0) {
                        continue;
                    }
                    String text = new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8);
                    CanonicalType type = target.fields().get(i).type();
                    values[i] = type instanceof CanonicalType.Array array ? arrayOf(array, text) : CanonicalValues.parse(type, text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Row(values);
        }

        private static Object arrayOf(CanonicalType.Array type, String json) throws IOException {
            List<Object> items = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode item : Json.mapper().readTree(json)) {
                items.add(item.isNull() ? null : CanonicalValues.parse(type.element(), item.isTextual() ? item.asText() : item.toString()));
            }
            return items;
        }

        /** A mapped record as a log line: target field names to values, and a note (an error, a warning) when there is one. */
        Map<String, Object> describe(Row mapped, String note, String text) {
            Map<String, Object> record = new java.util.LinkedHashMap<>();
            for (int i = 0; i < mapped.size(); i++) {
                record.put(target.fields().get(i).name(), mapped.get(i));
            }
            if (note != null) {
                record.put("_" + note, text);
            }
            return record;
        }

        Object identityOf(Row mapped) {
            int index = target.identityIndex();
            return index < 0 ? null : mapped.get(index);
        }

        boolean needsIdentity() {
            return mode != ModelSyncMode.APPEND;
        }

        /** The identity as the sorted files compare it: lower-cased when it matches case-insensitively. */
        String identityKey(Object identity) {
            if (!needsIdentity()) {
                return java.util.UUID.randomUUID().toString();
            }
            String text = CanonicalValues.format(target.identity().type(), identity);
            return match == IdentityMatch.CASE_INSENSITIVE ? text.toLowerCase(Locale.ROOT) : text;
        }

        /** What a record new to the sync becomes. */
        Optional<ModelOperation> onNew() {
            return Optional.of(switch (mode) {
                case CREATE -> ModelOperation.INSERT_NEW;
                case UPDATE -> ModelOperation.UPDATE_EXISTING;
                case UPDATE_OR_CREATE, REPLACE -> ModelOperation.UPSERT;
                case APPEND -> ModelOperation.APPEND;
                case REMOVE -> ModelOperation.DELETE;
            });
        }

        /** What a record whose values changed since the last run becomes; create and remove have nothing more to do. */
        Optional<ModelOperation> onChanged() {
            return switch (mode) {
                case CREATE, REMOVE -> Optional.empty();
                default -> onNew();
            };
        }
    }

    /** A value as the target field's type: text from anything, numbers between number types; anything else as it is. */
    static Object convert(Object value, CanonicalType type) {
        if (value == null || type.javaType().isInstance(value)) {
            return value;
        }
        if (type instanceof CanonicalType.StringType) {
            return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }
        if (value instanceof Number number) {
            try {
                return CanonicalValues.parse(type, new BigDecimal(number.toString()).toPlainString());
            } catch (RuntimeException notThatType) {
                return value;
            }
        }
        return value;
    }
}
