package dev.tributary.server.store;

import jakarta.persistence.Column;
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
    private String status;

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

    private String error;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "only_tables")
    private String onlyTables;

    @Column(nullable = false)
    private int attempts;

    protected BulkSyncExecution() {}

    /** A queued run; {@code onlyTables} is the JSON list of the tables it copies, or null for every enabled table. */
    public BulkSyncExecution(UUID bulkSyncId, boolean resync, String onlyTables, Instant now) {
        this.id = UUID.randomUUID();
        this.bulkSyncId = bulkSyncId;
        this.status = "queued";
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
        return status;
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
        return Optional.ofNullable(error);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> heartbeatAt() {
        return Optional.ofNullable(heartbeatAt);
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    public void progress(long read, long written, long errored, String tables, Instant now) {
        this.recordsRead = read;
        this.recordsWritten = written;
        this.recordsErrored = errored;
        this.tables = tables;
        this.heartbeatAt = now;
    }

    public Optional<String> onlyTables() {
        return Optional.ofNullable(onlyTables);
    }

    /** How many times a worker has started this run (more than one after a retry or a takeover). */
    public int attempts() {
        return attempts;
    }

    /**
     * Moves the run to {@code status}: {@code running} counts an attempt, {@code interrupted} keeps the reason while the
     * run waits to resume, and the final statuses record when it ended.
     */
    public void moveTo(String status, String error, boolean last, Instant now) {
        this.status = status;
        this.heartbeatAt = now;
        if (status.equals("running")) {
            this.attempts++;
            this.startedAt = startedAt == null ? now : startedAt;
        }
        if (!status.equals("canceling")) {
            this.error = error;
        }
        if (last) {
            this.completedAt = now;
        }
    }
}
