package dev.tributary.protocol.identity;

import java.util.UUID;

/** Creates or renames a role; {@code organizationId} is needed only with the deployment-wide key. */
public record RoleRequest(String name, UUID organizationId) {}
