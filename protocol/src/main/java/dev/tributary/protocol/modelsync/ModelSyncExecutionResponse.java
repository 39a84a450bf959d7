package dev.tributary.protocol.modelsync;

import java.time.Instant;
import java.util.UUID;

/**
 * One run of a model sync and its record counts: {@code total} records the model gave after filters, and what was (or,
 * for a {@code test} run, would be) inserted, updated and deleted; {@code errors} counts records the destination refused
 * or that could not be matched (a missing or shared identity); {@code warnings} records skipped as their mode says;
 * {@code upserts} the records sent as upserts (each also counted as inserted or updated, as the destination did).
 */
public record ModelSyncExecutionResponse(UUID id, UUID syncId, String status, boolean test, boolean resync, long total, long inserts,
        long updates, long upserts, long deletes, long errors, long warnings, String error, Instant createdAt, Instant startedAt, Instant completedAt) {}
