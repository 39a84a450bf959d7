package dev.tributary.protocol.identity;

import java.time.Instant;
import java.util.UUID;

/** An organization (workspace). {@code clientSecret} shows as {@code ****} when one is set. */
public record OrganizationResponse(UUID id, String name, String ssoDomain, String issuer, String clientId, String clientSecret,
        boolean recordLogging, Instant createdAt) {}
