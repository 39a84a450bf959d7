package dev.tributary.protocol.modelsync;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates or changes a model: rows of {@code connection_id} named by {@code configuration}, either
 * {@code {"table": "schema.table"}} or {@code {"query": "SELECT ..."}}. {@code identifier} is the field that identifies a
 * record; {@code tracking_columns} are fields whose change marks a record as changed.
 */
public record ModelRequest(String name, UUID connectionId, Map<String, Object> configuration, String identifier, List<String> trackingColumns,
        List<String> labels, List<UUID> policies, UUID organizationId) {}
