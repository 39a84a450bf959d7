package dev.tributary.protocol.connection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A connection. Secret settings show as {@code ****}. {@code status} is {@code healthy} after a passing test,
 * {@code error} (with {@code statusError}) after a failing one, {@code unknown} before any.
 */
public record ConnectionResponse(UUID id, String name, UUID organizationId, Type type, Map<String, Object> configuration, String status,
        String statusError, List<UUID> policies, Instant createdAt, Instant updatedAt) {

    public record Type(String id, String name) {}
}
