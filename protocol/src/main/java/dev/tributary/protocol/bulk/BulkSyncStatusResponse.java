package dev.tributary.protocol.bulk;

import java.util.UUID;

/** Whether a bulk sync is running now, and how its last run went. */
public record BulkSyncStatusResponse(String status, UUID currentExecutionId, BulkExecutionResponse lastExecution) {}
