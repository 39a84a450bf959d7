package dev.tributary.server.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tributary.protocol.bulk.BulkSchema;
import dev.tributary.server.http.Json;
import dev.tributary.server.jobs.Job;
import dev.tributary.server.jobs.JobKind;
import dev.tributary.server.jobs.JobResult;
import dev.tributary.server.jobs.Lease;
import dev.tributary.server.store.BulkSync;
import dev.tributary.server.store.BulkSyncExecution;
import dev.tributary.server.store.Store;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/** Bulk syncs as the job engine sees them: their execution rows, and a run handed to {@link BulkSyncRunner}. */
final class BulkSyncJobs implements JobKind {

    private static final Set<String> FINAL = Set.of("completed", "completed_with_errors", "failed", "canceled");
    private static final TypeReference<List<String>> IDS = new TypeReference<>() {};

    private final Store store;
    private final BulkSyncRunner runner;

    BulkSyncJobs(Store store, BulkSyncRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    @Override
    public String name() {
        return "bulk_sync";
    }

    @Override
    public Optional<Boolean> active(Session session, UUID organizationId, UUID subjectId) {
        return Optional.ofNullable(session.find(BulkSync.class, subjectId))
                .filter(sync -> sync.organizationId().equals(organizationId))
                .map(sync -> sync.settings().active());
    }

    @Override
    public UUID newExecution(Session session, UUID subjectId, Instant now) {
        BulkSyncExecution execution = new BulkSyncExecution(subjectId, false, null, now);
        session.persist(execution);
        return execution.id();
    }

    @Override
    public void transition(Session session, Job job, String status, String error, Instant now) {
        session.find(BulkSyncExecution.class, job.executionId()).moveTo(status, error, FINAL.contains(status), now);
    }

    @Override
    public Map<String, Object> describe(Session session, Job job) {
        BulkSyncExecution execution = session.find(BulkSyncExecution.class, job.executionId());
        BulkSync sync = session.find(BulkSync.class, job.subjectId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("execution_id", execution.id());
        data.put("bulk_sync_id", job.subjectId());
        data.put("name", sync.settings().name());
        data.put("status", execution.status());
        data.put("records_read", execution.recordsRead());
        data.put("records_written", execution.recordsWritten());
        data.put("records_errored", execution.recordsErrored());
        execution.error().ifPresent(message -> data.put("error", message));
        return data;
    }

    @Override
    public JobResult run(Job job, Lease lease) {
        BulkSync sync = store.inTransaction(session -> session.find(BulkSync.class, job.subjectId()));
        BulkSyncExecution execution = store.inTransaction(session -> session.find(BulkSyncExecution.class, job.executionId()));
        Optional<List<String>> only = execution.onlyTables().map(BulkSyncJobs::ids);
        List<BulkSchema> tables = BulkSchemas.read(sync.settings().schemas()).stream().filter(BulkSchemas::enabled)
                .filter(table -> only.map(ids -> ids.contains(table.id())).orElse(true)).toList();
        return runner.run(sync, execution.id(), tables, only.isEmpty(), lease);
    }

    static String json(List<String> ids) {
        try {
            return Json.mapper().writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(String json) {
        try {
            return Json.mapper().readValue(json, IDS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
