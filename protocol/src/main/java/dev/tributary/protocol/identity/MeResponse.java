package dev.tributary.protocol.identity;

import java.util.UUID;

/**
 * The signed-in caller. {@code csrfToken} is set for browser sessions: send it as X-CSRF-Token when changing anything.
 * {@code licenseWarning} is set for admins from 14 days before the deployment's license ends: a banner's text.
 */
public record MeResponse(UUID id, String email, String role, UUID organizationId, String organizationName, String csrfToken,
        String licenseWarning) {}
