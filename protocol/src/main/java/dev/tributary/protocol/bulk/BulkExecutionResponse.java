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
     */
    public record Table(String id, String destination, String method, String status, long recordsRead, long recordsWritten,
            long recordsErrored, double rowsPerSecond, String error) {}
}
