package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One run of a bulk sync: its status, record counts, per-table progress (JSON) and the error that ended it, if any. */
@Entity
@Table(name = "bulk_sync_executions")
public class BulkSyncExecution {

    @Id
    private UUID id;

    @Column(name = "bulk_sync_id", nullable = false)
    private UUID bulkSyncId;

    @Column(nullable = false)
    private boolean resync;

    @Column(name = "records_read", nullable = false)
    private long recordsRead;

    @Column(name = "records_written", nullable = false)
    private long recordsWritten;

    @Column(name = "records_errored", nullable = false)
    private long recordsErrored;

    @Column(nullable = false)
    private String tables;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Embedded
    private RunState run;

    @Column(name = "only_tables")
    private String onlyTables;

    protected BulkSyncExecution() {}

    /** A queued run; {@code onlyTables} is the JSON list of the tables it copies, or null for every enabled table. */
    public BulkSyncExecution(UUID bulkSyncId, boolean resync, String onlyTables, Instant now) {
        this.id = UUID.randomUUID();
        this.bulkSyncId = bulkSyncId;
        this.run = RunState.queued();
        this.resync = resync;
        this.onlyTables = onlyTables;
        this.tables = "[]";
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID bulkSyncId() {
        return bulkSyncId;
    }

    public String status() {
        return run.status();
    }

    public boolean resync() {
        return resync;
    }

    public long recordsRead() {
        return recordsRead;
    }

    public long recordsWritten() {
        return recordsWritten;
    }

    public long recordsErrored() {
        return recordsErrored;
    }

    public String tables() {
        return tables;
    }

    public Optional<String> error() {
        return run.error();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> startedAt() {
        return run.startedAt();
    }

    public Optional<Instant> heartbeatAt() {
        return run.heartbeatAt();
    }

    public Optional<Instant> completedAt() {
        return run.completedAt();
    }

    public void progress(long read, long written, long errored, String tables, Instant now) {
        this.recordsRead = read;
        this.recordsWritten = written;
        this.recordsErrored = errored;
        this.tables = tables;
        run.beat(now);
    }

    public Optional<String> onlyTables() {
        return Optional.ofNullable(onlyTables);
    }

    /** How many times a worker has started this run (more than one after a retry or a takeover). */
    public int attempts() {
        return run.attempts();
    }

    /**
     * Moves the run to {@code status}: {@code running} counts an attempt, {@code interrupted} keeps the reason while the
     * run waits to resume, and the final statuses record when it ended.
     */
    public void moveTo(String status, String error, boolean last, Instant now) {
        run.moveTo(status, error, last, now);
    }
}
