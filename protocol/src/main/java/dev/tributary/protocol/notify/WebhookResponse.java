package dev.tributary.protocol.notify;

import java.time.Instant;
import java.util.UUID;

/** A webhook; its secret is never shown. A paused webhook gets no new deliveries. */
public record WebhookResponse(UUID id, UUID organizationId, String endpoint, boolean paused, Instant createdAt, Instant updatedAt) {}
