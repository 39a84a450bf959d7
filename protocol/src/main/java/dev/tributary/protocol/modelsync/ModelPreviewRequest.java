package dev.tributary.protocol.modelsync;

import java.util.Map;
import java.util.UUID;

/** Runs a model's configuration without saving it, returning at most {@code limit} rows (default 10, at most 1000). */
public record ModelPreviewRequest(UUID connectionId, Map<String, Object> configuration, Integer limit, UUID organizationId) {}
