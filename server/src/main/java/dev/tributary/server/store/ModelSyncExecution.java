package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One run of a model sync (or a dry run, {@code test}): its status, record counts and the error that ended it, if any. */
@Entity
@Table(name = "model_sync_executions")
public class ModelSyncExecution {

    @Id
    private UUID id;

    @Column(name = "sync_id", nullable = false)
    private UUID syncId;

    @Column(nullable = false)
    private boolean resync;

    @Column(nullable = false)
    private boolean test;

    @Column(nullable = false)
    private long total;

    @Column(nullable = false)
    private long inserts;

    @Column(nullable = false)
    private long updates;

    @Column(nullable = false)
    private long upserts;

    @Column(nullable = false)
    private long deletes;

    @Column(nullable = false)
    private long errors;

    @Column(nullable = false)
    private long warnings;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Embedded
    private RunState run;

    protected ModelSyncExecution() {}

    public ModelSyncExecution(UUID syncId, boolean resync, boolean test, Instant now) {
        this.id = UUID.randomUUID();
        this.syncId = syncId;
        this.run = RunState.queued();
        this.resync = resync;
        this.test = test;
        this.createdAt = now;
    }

    /** Record counts of a run: what the model held, and what was (or, in a dry run, would be) done with it. */
    public record Counts(long total, long inserts, long updates, long upserts, long deletes, long errors, long warnings) {}

    public void count(Counts counts, Instant now) {
        this.total = counts.total();
        this.inserts = counts.inserts();
        this.updates = counts.updates();
        this.upserts = counts.upserts();
        this.deletes = counts.deletes();
        this.errors = counts.errors();
        this.warnings = counts.warnings();
        run.beat(now);
    }

    /** Moves the run to {@code status}, as {@link BulkSyncExecution#moveTo} does. */
    public void moveTo(String status, String error, boolean last, Instant now) {
        run.moveTo(status, error, last, now);
    }

    public Counts counts() {
        return new Counts(total, inserts, updates, upserts, deletes, errors, warnings);
    }

    public UUID id() {
        return id;
    }

    public UUID syncId() {
        return syncId;
    }

    public String status() {
        return run.status();
    }

    public boolean resync() {
        return resync;
    }

    public boolean test() {
        return test;
    }

    public Optional<String> error() {
        return run.error();
    }

    public int attempts() {
        return run.attempts();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> startedAt() {
        return run.startedAt();
    }

    public Optional<Instant> completedAt() {
        return run.completedAt();
    }
}
