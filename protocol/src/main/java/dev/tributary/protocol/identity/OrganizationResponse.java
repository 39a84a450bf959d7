package dev.tributary.protocol.identity;

import java.time.Instant;
import java.util.UUID;

/** An organization (workspace). */
public record OrganizationResponse(UUID id, String name, String ssoDomain, Instant createdAt) {}
