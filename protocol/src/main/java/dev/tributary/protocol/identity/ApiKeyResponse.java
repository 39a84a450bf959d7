package dev.tributary.protocol.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * An API key as listed: its first characters tell it apart, the key itself is never shown again.
 * {@code key} is set only in the response that creates it.
 */
public record ApiKeyResponse(UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt, String key) {}
