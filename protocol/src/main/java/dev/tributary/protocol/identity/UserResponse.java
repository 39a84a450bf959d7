package dev.tributary.protocol.identity;

import java.time.Instant;
import java.util.UUID;

/** A member of an organization and their role ({@code admin} or {@code user}). */
public record UserResponse(UUID id, String email, String role, UUID organizationId, Instant createdAt) {}
