package dev.tributary.protocol.bulk;

import dev.tributary.protocol.jobs.Schedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A bulk sync. */
public record BulkSyncResponse(UUID id, String name, UUID organizationId, String mode, UUID sourceConnectionId, UUID destinationConnectionId,
        Map<String, Object> destinationConfiguration, List<BulkSchema> schemas, boolean automaticallyAddNewFields,
        boolean automaticallyAddNewObjects, boolean normalizeNames, int concurrencyLimit, boolean active, List<UUID> policies,
        Schedule schedule, Instant createdAt, Instant updatedAt) {}
