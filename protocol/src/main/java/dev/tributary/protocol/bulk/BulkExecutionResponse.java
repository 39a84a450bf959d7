package dev.tributary.protocol.bulk;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of a bulk sync, readable while it runs. {@code status}: running, completed, completed_with_errors, failed,
 * canceled or interrupted.
 */
public record BulkExecutionResponse(UUID id, UUID bulkSyncId, String status, boolean resync, long recordsRead, long recordsWritten,
        long recordsErrored, List<Table> tables, String error, Instant createdAt, Instant startedAt, Instant completedAt) {

    /**
     * One table's part of the run.
     *
     * @param method {@code incremental} (upserted from its checkpoint) or {@code refresh} (replaced atomically)
     * @param rowsPerSecond records read per second so far
     * @param passthrough whether the records went from source to destination as bytes in a format both speak (such as
     *     PostgreSQL's COPY text), without being decoded on the way
     */
    public record Table(String id, String destination, String method, String status, long recordsRead, long recordsWritten,
            long recordsErrored, double rowsPerSecond, String error, boolean passthrough) {}
}
