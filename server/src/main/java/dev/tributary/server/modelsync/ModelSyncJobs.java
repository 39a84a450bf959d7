package dev.tributary.server.modelsync;

import dev.tributary.server.jobs.Job;
import dev.tributary.server.jobs.JobKind;
import dev.tributary.server.jobs.JobResult;
import dev.tributary.server.jobs.Lease;
import dev.tributary.server.store.Model;
import dev.tributary.server.store.ModelSync;
import dev.tributary.server.store.ModelSyncExecution;
import dev.tributary.server.store.Organization;
import dev.tributary.server.store.Store;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/** Model syncs as the job engine sees them: their execution rows, and a run handed to {@link ModelSyncRunner}. */
public final class ModelSyncJobs implements JobKind {

    private static final Set<String> FINAL = Set.of("completed", "completed_with_errors", "failed", "canceled");

    private final Store store;
    private final ModelSyncRunner runner;
    private final Snapshots snapshots;
    private final RecordLogs logs;

    public ModelSyncJobs(Store store, ModelSyncRunner runner, Snapshots snapshots, RecordLogs logs) {
        this.store = store;
        this.runner = runner;
        this.snapshots = snapshots;
        this.logs = logs;
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public Optional<Boolean> active(Session session, UUID organizationId, UUID subjectId) {
        return Optional.ofNullable(session.find(ModelSync.class, subjectId))
                .filter(sync -> sync.organizationId().equals(organizationId))
                .map(sync -> sync.settings().active());
    }

    @Override
    public UUID newExecution(Session session, UUID subjectId, Instant now) {
        ModelSyncExecution execution = new ModelSyncExecution(subjectId, false, false, now);
        session.persist(execution);
        return execution.id();
    }

    @Override
    public void transition(Session session, Job job, String status, String error, Instant now) {
        session.find(ModelSyncExecution.class, job.executionId()).moveTo(status, error, FINAL.contains(status), now);
    }

    @Override
    public Map<String, Object> describe(Session session, Job job) {
        ModelSyncExecution execution = session.find(ModelSyncExecution.class, job.executionId());
        ModelSync sync = session.find(ModelSync.class, job.subjectId());
        ModelSyncExecution.Counts counts = execution.counts();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("execution_id", execution.id());
        data.put("sync_id", job.subjectId());
        data.put("name", sync.settings().name());
        data.put("status", execution.status());
        data.put("total", counts.total());
        data.put("inserts", counts.inserts());
        data.put("updates", counts.updates());
        data.put("deletes", counts.deletes());
        data.put("errors", counts.errors());
        execution.error().ifPresent(message -> data.put("error", message));
        return data;
    }

    @Override
    public JobResult run(Job job, Lease lease) {
        ModelSync sync = store.inTransaction(session -> session.find(ModelSync.class, job.subjectId()));
        Model model = store.inTransaction(session -> session.find(Model.class, sync.settings().modelId()));
        ModelSyncExecution execution = store.inTransaction(session -> session.find(ModelSyncExecution.class, job.executionId()));
        boolean recordLogging = store.inTransaction(session -> session.find(Organization.class, job.organizationId()).recordLogging());
        return runner.run(sync, model, execution, recordLogging, lease);
    }

    /** The sync is gone: its snapshots and record logs go too. */
    void forget(UUID syncId) {
        snapshots.forget(syncId);
        logs.forget(syncId);
    }
}
