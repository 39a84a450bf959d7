package dev.tributary.protocol.modelsync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A model, with the fields found when it was last saved. */
public record ModelResponse(UUID id, UUID organizationId, String name, UUID connectionId, Map<String, Object> configuration, List<ModelField> fields,
        String identifier, List<String> trackingColumns, List<String> labels, List<UUID> policies, Instant createdAt, Instant updatedAt) {}
