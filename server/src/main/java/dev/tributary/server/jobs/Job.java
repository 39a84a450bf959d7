package dev.tributary.server.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * One claimed run: which sync ({@code kind} and {@code subjectId}), which execution row it fills in, and the lease it
 * holds ({@code epoch}, raised at every claim, so a worker that lost the job can no longer commit anything).
 */
public record Job(UUID id, UUID organizationId, String kind, UUID subjectId, UUID executionId, int attempts, long epoch, Instant startedAt) {}
