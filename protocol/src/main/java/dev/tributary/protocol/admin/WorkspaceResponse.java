package dev.tributary.protocol.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A workspace as the admin console lists it. After provisioning, {@code created}, {@code domainChanged} and
 * {@code addedUsers} say what changed; they are absent in lists.
 */
public record WorkspaceResponse(UUID id, String name, String ssoDomain, int users, Instant createdAt, Boolean created,
        Boolean domainChanged, List<String> addedUsers) {}
