package dev.tributary.protocol.modelsync;

import java.time.Instant;
import java.util.UUID;

/** Whether a sync runs now, how its last run went, and when its schedule runs it next. */
public record ModelSyncStatusResponse(String status, UUID currentExecutionId, ModelSyncExecutionResponse lastExecution, Instant nextExecutionTime) {}
