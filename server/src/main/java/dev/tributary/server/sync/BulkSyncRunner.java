package dev.tributary.server.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tributary.protocol.bulk.BulkExecutionResponse;
import dev.tributary.protocol.bulk.BulkSchema;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.RawRecordReader;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.WriteResult;
import dev.tributary.server.connection.ConnectionService;
import dev.tributary.server.http.Json;
import dev.tributary.server.jobs.JobResult;
import dev.tributary.server.jobs.Retries;
import dev.tributary.server.jobs.Lease;
import dev.tributary.server.store.BulkSync;
import dev.tributary.server.store.BulkSyncExecution;
import dev.tributary.server.store.Connection;
import dev.tributary.server.store.Store;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one execution of a bulk sync, table by table. A table with a tracking field and a primary key is read from its
 * stored checkpoint and upserted, and its checkpoint is stored after each batch the destination committed, so an
 * interrupted run resumes after the last committed batch and a batch read twice is written twice without duplicating.
 * Any other table is replaced atomically: readers of the destination see the old table until the new one is complete.
 * Destinations that can only append (files, HTTP) receive the changed records, or the whole table, appended.
 */
final class BulkSyncRunner {

    private static final Logger log = LoggerFactory.getLogger(BulkSyncRunner.class);
    private static final TypeReference<Map<String, String>> POSITION = new TypeReference<>() {};

    private final Store store;
    private final ConnectionService connections;
    private final int batchSize;
    private final Clock clock;

    BulkSyncRunner(Store store, ConnectionService connections, int batchSize, Clock clock) {
        this.store = store;
        this.connections = connections;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /**
     * How a table is copied, from what it has and what the destination can do: records that changed are upserted (or,
     * where the destination only appends, such as files and HTTP, appended); a whole table replaces the old one
     * atomically (or is appended in full, as a new file set or a new delivery).
     */
    enum Method {
        UPSERT("incremental"), APPEND_CHANGES("incremental"), REFRESH("refresh"), APPEND_ALL("append");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        static Method of(boolean incremental, Set<Capability> destination) {
            if (incremental) {
                return destination.contains(Capability.UPSERT) ? UPSERT : APPEND_CHANGES;
            }
            return destination.contains(Capability.ATOMIC_REFRESH) ? REFRESH : APPEND_ALL;
        }

        boolean incremental() {
            return this == UPSERT || this == APPEND_CHANGES;
        }

        String label() {
            return label;
        }
    }

    /** The outcome of one table, kept as the run goes. */
    private static final class TableRun {
        // Written by the table's own thread; read for progress reports, where a slightly old count is fine.
        final String id;
        final String destination;
        final String method;
        final Instant started;
        volatile String status = "pending";
        volatile long read;
        volatile long written;
        volatile long errored;
        volatile String error;
        volatile boolean retriable;
        boolean passthrough;

        TableRun(String id, String destination, String method, Instant started) {
            this.id = id;
            this.destination = destination;
            this.method = method;
            this.started = started;
        }

        BulkExecutionResponse.Table view(Instant now) {
            double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
            return new BulkExecutionResponse.Table(id, destination, method, status, read, written, errored, read / seconds, error, passthrough);
        }
    }

    /**
     * Runs the tables, {@code concurrency_limit} at a time, each with its own source and destination connections.
     * With {@code includeNewObjects}, source tables the sync has not seen yet join it (when it allows that) first.
     */
    JobResult run(BulkSync sync, UUID executionId, List<BulkSchema> selected, boolean includeNewObjects, Lease lease) {
        BulkSync.Settings settings = sync.settings();
        List<TableRun> runs = new CopyOnWriteArrayList<>();
        JobResult result;
        try {
            Connection source = connections.get(sync.organizationId(), settings.sourceConnectionId());
            Connection destination = connections.get(sync.organizationId(), settings.destinationConnectionId());
            Catalog catalog = connections.catalog(sync.organizationId(), source.id(), true);
            List<BulkSchema> tables = includeNewObjects && settings.automaticallyAddNewObjects() ? withNewObjects(sync, catalog, selected) : selected;
            String prefix = Json.mapper().readTree(settings.destinationConfiguration()).path("prefix").asText("");
            Set<Capability> writes = connections.type(destination.type()).capabilities();
            Semaphore slots = new Semaphore(settings.concurrencyLimit());
            try (ExecutorService tablesAtOnce = Executors.newVirtualThreadPerTaskExecutor()) {
                for (BulkSchema table : tables) {
                    tablesAtOnce.submit(() -> {
                        slots.acquireUninterruptibly();
                        try {
                            if (!lease.stopping()) {
                                copyTable(sync, executionId, source, destination, catalog, table, prefix, writes, runs, lease);
                            }
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
            List<TableRun> failed = runs.stream().filter(run -> run.status.equals("failed")).toList();
            if (lease.stopping()) {
                result = JobResult.canceled();
            } else if (!failed.isEmpty()) {
                result = JobResult.failed(failed.stream().map(run -> run.id + ": " + run.error).collect(Collectors.joining("; ")),
                        failed.stream().allMatch(run -> run.retriable));
            } else {
                result = JobResult.completed(runs.stream().anyMatch(run -> run.errored > 0));
            }
        } catch (RuntimeException | JsonProcessingException failure) {
            if (failure instanceof Lease.LeaseLostException lost) {
                throw lost;
            }
            result = JobResult.failed(failure.getMessage(), Retries.isTransient(failure));
            log.warn("Bulk sync {} failed: {}", sync.id(), failure.getMessage());
        }
        progress(executionId, runs, lease);
        return result;
    }

    private void copyTable(BulkSync sync, UUID executionId, Connection source, Connection destination, Catalog catalog,
            BulkSchema table, String prefix, Set<Capability> writes, List<TableRun> runs, Lease lease) {
        BulkSync.Settings settings = sync.settings();
        ObjectSchema object = BulkSchemas.object(catalog, table.id());
        List<Field> fields = BulkSchemas.selectedFields(object, table);
        String target = BulkSchemas.destinationName(prefix + object.name(), settings.normalizeNames());
        boolean incremental = table.trackingField() != null && !object.primaryKey().isEmpty();
        Method method = Method.of(incremental, writes);
        TableRun run = new TableRun(table.id(), target, method.label(), clock.instant());
        runs.add(run);
        try {
            run.status = "running";
            Set<Capability> reads = connections.type(source.type()).capabilities();
            connections.withConnector(source, reader -> connections.withConnector(destination, writer -> {
                Map<String, CanonicalType> targetTypes = prepare(writer, writer.discover(), target, fields, settings.automaticallyAddNewFields());
                run.passthrough = method == Method.REFRESH && passesThrough(reads, reader, writes, writer, fields, targetTypes);
                if (run.passthrough) {
                    copyRaw(executionId, reader, writer, object, fields, target, run, runs, lease);
                } else {
                    copy(sync, executionId, reader, writer, object, fields, table, target, method, widening(fields, targetTypes), run, runs, lease);
                }
                return null;
            }));
            run.status = lease.stopping() ? "canceled" : "completed";
        } catch (Lease.LeaseLostException lost) {
            throw lost;
        } catch (RuntimeException failure) {
            run.status = "failed";
            run.error = failure.getMessage();
            run.retriable = Retries.isTransient(failure);
            log.warn("Bulk sync {} table {} failed: {}", sync.id(), table.id(), failure.getMessage());
        }
        progress(executionId, runs, lease);
    }

    /** Source tables not yet in the sync's selection join it, enabled, and are copied in this run. */
    private List<BulkSchema> withNewObjects(BulkSync sync, Catalog catalog, List<BulkSchema> selected) {
        List<BulkSchema> known = BulkSchemas.read(sync.settings().schemas());
        Set<String> ids = known.stream().map(BulkSchema::id).collect(Collectors.toSet());
        List<BulkSchema> added = catalog.schemas().stream().flatMap(schema -> schema.objects().stream())
                .map(object -> object.schema() + "." + object.name())
                .filter(id -> !ids.contains(id))
                .map(id -> new BulkSchema(id, true, null, null))
                .toList();
        if (added.isEmpty()) {
            return selected;
        }
        List<BulkSchema> all = new ArrayList<>(known);
        all.addAll(added);
        store.inTransaction(session -> {
            session.find(BulkSync.class, sync.id()).selectTables(BulkSchemas.write(all), clock.instant());
            return null;
        });
        log.info("Bulk sync {}: new source tables joined: {}", sync.id(), added.stream().map(BulkSchema::id).toList());
        List<BulkSchema> tables = new ArrayList<>(selected);
        tables.addAll(added);
        return tables;
    }

    /**
     * Creates the destination table, or adds the fields it lacks when the sync allows it; returns the types of the
     * destination's fields by name.
     */
    private static Map<String, CanonicalType> prepare(Connector writer, Catalog existing, String target, List<Field> fields, boolean addNewFields) {
        Map<String, CanonicalType> types = new HashMap<>();
        Optional<ObjectSchema> current = existing.schemas().stream().flatMap(schema -> schema.objects().stream())
                .filter(object -> object.name().equals(target)).findFirst();
        if (current.isEmpty()) {
            writer.createObject(target, fields.stream().map(field -> Field.of(field.name(), field.type(), field.nullable(), field.primaryKey()))
                    .toList());
            fields.forEach(field -> types.put(field.name(), field.type()));
            return types;
        }
        current.get().fields().forEach(field -> types.put(field.name(), field.type()));
        List<Field> missing = fields.stream().filter(field -> current.get().field(field.name()).isEmpty())
                .map(field -> Field.of(field.name(), field.type(), true, false)).toList();
        if (!missing.isEmpty()) {
            if (!addNewFields) {
                throw new IllegalStateException("the source has new fields " + missing.stream().map(Field::name).toList()
                        + " and automatically_add_new_fields is off; turn it on or deselect them");
            }
            writer.addFields(target, missing);
            missing.forEach(field -> types.put(field.name(), field.type()));
        }
        return types;
    }

    /**
     * Widens each value to its destination field's type where the two types differ (an int32 source field into an int64
     * column, say), as far as that loses nothing; the identity when every type matches.
     */
    private static UnaryOperator<RecordBatch> widening(List<Field> fields, Map<String, CanonicalType> targetTypes) {
        List<CanonicalType> targets = fields.stream().map(field -> targetTypes.getOrDefault(field.name(), field.type())).toList();
        if (fields.stream().map(Field::type).toList().equals(targets)) {
            return UnaryOperator.identity();
        }
        return batch -> new RecordBatch(batch.fields(), batch.rows().stream().map(row -> {
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = CanonicalValues.widen(fields.get(i).type(), targets.get(i), row.get(i));
            }
            return new Row(values);
        }).toList(), batch.checkpoint());
    }

    /**
     * Whether a full refresh can send the table as bytes: both connectors speak the same raw format, and every field
     * has the same type on both sides, so no value could be refused or changed had it been decoded.
     */
    private static boolean passesThrough(Set<Capability> reads, Connector reader, Set<Capability> writes, Connector writer, List<Field> fields,
            Map<String, CanonicalType> targetTypes) {
        return reads.contains(Capability.RAW_COPY) && writes.contains(Capability.RAW_COPY) && reader.rawFormat().equals(writer.rawFormat())
                && fields.stream().allMatch(field -> field.type().equals(targetTypes.get(field.name())));
    }

    private void copy(BulkSync sync, UUID executionId, Connector reader, Connector writer, ObjectSchema object, List<Field> fields,
            BulkSchema table, String target, Method method, UnaryOperator<RecordBatch> widen, TableRun run, List<TableRun> runs, Lease lease) {
        List<String> names = fields.stream().map(Field::name).toList();
        boolean incremental = method.incremental();
        Checkpoint from = incremental ? checkpoint(sync, table.id()) : Checkpoint.START;
        ReadRequest request = new ReadRequest(object.schema(), object.name(), names, from, batchSize);
        try (RecordReader records = incremental ? reader.readIncremental(request, table.trackingField()) : reader.read(request);
             BatchWriter out = switch (method) {
                 case UPSERT -> writer.openUpsert(target, fields);
                 case REFRESH -> writer.openReplace(target, fields);
                 case APPEND_CHANGES, APPEND_ALL -> writer.openAppend(target, fields);
             }) {
            pump(records::next, out, batch -> {
                WriteResult result = out.write(widen.apply(batch));
                run.read += batch.rows().size();
                run.written += result.written();
                run.errored += result.rejected().size();
                if (incremental) {
                    // Only now, with the batch committed, may the next run start after it.
                    saveCheckpoint(sync, table.id(), batch.checkpoint(), lease);
                }
            }, executionId, runs, lease);
        }
    }

    /** A full refresh sent as the source's raw bytes, chunk by chunk, into the staging table it swaps in at the end. */
    private void copyRaw(UUID executionId, Connector reader, Connector writer, ObjectSchema object, List<Field> fields, String target,
            TableRun run, List<TableRun> runs, Lease lease) {
        ReadRequest request = new ReadRequest(object.schema(), object.name(), fields.stream().map(Field::name).toList(), Checkpoint.START, batchSize);
        try (RawRecordReader chunks = reader.readRaw(request); BatchWriter out = writer.openReplace(target, fields)) {
            pump(chunks::next, out, chunk -> {
                out.writeRaw(chunk);
                run.read += chunk.records();
                run.written += chunk.records();
            }, executionId, runs, lease);
        }
    }

    /**
     * Writes what the source gives, read ahead on another thread, until it ends or the run stops; then finishes the write.
     * Progress is saved beside the copy, about once a second, rather than after every batch.
     */
    private <T> void pump(Supplier<Optional<T>> source, BatchWriter out, Consumer<T> write, UUID executionId, List<TableRun> runs, Lease lease) {
        try (Prefetch<T> ahead = new Prefetch<>(source); ProgressTicker ticker = new ProgressTicker(() -> progress(executionId, runs, lease))) {
            for (Optional<T> item = ahead.next(); item.isPresent() && !lease.stopping(); item = ahead.next()) {
                write.accept(item.get());
                ticker.changed();
            }
            if (!lease.stopping()) {
                out.finish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the run was stopped", e);
        }
    }

    private Checkpoint checkpoint(BulkSync sync, String objectId) {
        return store.inTransaction(session -> session
                .createNativeQuery("SELECT position FROM bulk_sync_checkpoints WHERE bulk_sync_id = :sync AND object_id = :object", String.class)
                .setParameter("sync", sync.id())
                .setParameter("object", objectId)
                .uniqueResultOptional()
                .map(json -> new Checkpoint(parse(json)))
                .orElse(Checkpoint.START));
    }

    private void saveCheckpoint(BulkSync sync, String objectId, Checkpoint checkpoint, Lease lease) {
        String json = write(checkpoint.position());
        store.inTransaction(session -> {
            lease.hold(session);
            return session.createNativeMutationQuery("""
                        INSERT INTO bulk_sync_checkpoints (bulk_sync_id, object_id, position, updated_at) VALUES (:sync, :object, :position, :now)
                        ON CONFLICT (bulk_sync_id, object_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at""")
                .setParameter("sync", sync.id())
                .setParameter("object", objectId)
                .setParameter("position", json)
                .setParameter("now", clock.instant())
                .executeUpdate();
        });
    }

    private synchronized void progress(UUID executionId, List<TableRun> runs, Lease lease) {
        Instant now = clock.instant();
        long read = runs.stream().mapToLong(run -> run.read).sum();
        long written = runs.stream().mapToLong(run -> run.written).sum();
        long errored = runs.stream().mapToLong(run -> run.errored).sum();
        String tables = write(runs.stream().map(run -> run.view(now)).toList());
        store.inTransaction(session -> {
            lease.hold(session);
            session.find(BulkSyncExecution.class, executionId).progress(read, written, errored, tables, now);
            return null;
        });
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> parse(String json) {
        try {
            return Json.mapper().readValue(json, POSITION);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
