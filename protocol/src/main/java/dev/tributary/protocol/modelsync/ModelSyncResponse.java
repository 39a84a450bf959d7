package dev.tributary.protocol.modelsync;

import dev.tributary.protocol.jobs.Schedule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A model sync, as set. */
public record ModelSyncResponse(UUID id, UUID organizationId, String name, ModelSyncRequest.Target target, String mode,
        ModelSyncRequest.Identity identity, List<ModelSyncRequest.FieldMapping> fields, List<Filter> filters, String filterLogic,
        List<Override> overrides, Schedule schedule, boolean active, boolean syncAllRecords, boolean skipInitialBackfill, List<UUID> policies,
        Instant createdAt, Instant updatedAt) {}
