package dev.tributary.protocol.identity;

import java.util.UUID;

/** A role; system roles ({@code admin}, {@code user}) cannot be renamed or deleted. */
public record RoleResponse(UUID id, String name, UUID organizationId, boolean system) {}
