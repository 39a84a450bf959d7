package dev.tributary.protocol.bulk;

import dev.tributary.protocol.jobs.Schedule;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates or changes a bulk sync. {@code mode} is {@code replicate} (default) or {@code snapshot};
 * {@code destinationConfiguration} may hold a {@code prefix} for the destination tables' names; {@code schedule} says when
 * it runs (default manual). {@code automaticallyAddNewObjects} lets tables that appear in the source join the
 * sync at its next run; {@code concurrencyLimit} (1 to 32, default 1) is how many tables are copied at once.
 */
public record BulkSyncRequest(String name, String mode, UUID sourceConnectionId, UUID destinationConnectionId,
        Map<String, Object> destinationConfiguration, List<BulkSchema> schemas, Boolean automaticallyAddNewFields,
        Boolean automaticallyAddNewObjects, Boolean normalizeNames, Integer concurrencyLimit, Boolean active, List<UUID> policies,
        UUID organizationId, Schedule schedule) {}
