package dev.tributary.protocol.notify;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event, as {@code GET /api/events} lists it and as webhooks receive it in their POST body. {@code data} holds the
 * execution it is about: {@code execution_id}, {@code sync_id} or {@code bulk_sync_id}, {@code name}, {@code status}
 * and, when it failed, {@code error}.
 */
public record EventResponse(UUID id, UUID organizationId, String type, Instant createdAt, Map<String, Object> data) {}
