package dev.tributary.protocol.identity;

import java.util.UUID;

/** The signed-in caller. {@code csrfToken} is set for browser sessions: send it as X-CSRF-Token when changing anything. */
public record MeResponse(UUID id, String email, String role, UUID organizationId, String organizationName, String csrfToken) {}
