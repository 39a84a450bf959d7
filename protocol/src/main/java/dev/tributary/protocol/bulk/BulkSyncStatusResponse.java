package dev.tributary.protocol.bulk;

import java.time.Instant;
import java.util.UUID;

/** Whether a bulk sync is running now, how its last run went, and when its schedule runs it next (none for manual). */
public record BulkSyncStatusResponse(String status, UUID currentExecutionId, BulkExecutionResponse lastExecution, Instant nextExecutionTime) {}
