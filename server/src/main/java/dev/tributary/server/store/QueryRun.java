package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One run of the SQL runner: who ran what on which connection, and how it ended; its rows are in query_result_pages. */
@Entity
@Table(name = "queries")
public class QueryRun {

    public enum Status { RUNNING, COMPLETED, FAILED, CANCELED }

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(name = "connection_id")
    private UUID connectionId;

    @Column(name = "user_id")
    private UUID userId;

    @Column(nullable = false)
    private String query;

    @Column(nullable = false)
    private String status;

    /** JSON array of {name, type}, once the query has started returning rows. */
    private String fields;

    @Column(name = "row_count", nullable = false)
    private long rowCount;

    @Column(nullable = false)
    private boolean truncated;

    private String error;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected QueryRun() {}

    public QueryRun(UUID id, UUID organizationId, UUID connectionId, Optional<UUID> userId, String query, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.organizationId = organizationId;
        this.connectionId = connectionId;
        this.userId = userId.orElse(null);
        this.query = query;
        this.status = "running";
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    /** Empty once the connection was deleted. */
    public Optional<UUID> connectionId() {
        return Optional.ofNullable(connectionId);
    }

    /** Empty for a query run with the deployment key. */
    public Optional<UUID> userId() {
        return Optional.ofNullable(userId);
    }

    public String query() {
        return query;
    }

    public Status status() {
        return Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
    }

    public Optional<String> fields() {
        return Optional.ofNullable(fields);
    }

    public long rowCount() {
        return rowCount;
    }

    public boolean truncated() {
        return truncated;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Ends the run, unless it already ended (a cancel that came first stays a cancel). */
    public boolean finish(Status outcome, Optional<String> fields, long rowCount, boolean truncated, Optional<String> error, Instant at) {
        if (status() != Status.RUNNING) {
            return false;
        }
        this.status = outcome.name().toLowerCase(java.util.Locale.ROOT);
        this.fields = fields.orElse(null);
        this.rowCount = rowCount;
        this.truncated = truncated;
        this.error = error.orElse(null);
        this.completedAt = at;
        return true;
    }
}
