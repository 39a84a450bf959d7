package dev.tributary.protocol.notify;

import java.util.UUID;

/**
 * Creates or replaces a webhook: an http(s) {@code endpoint} and a {@code secret} of at least 16 characters that signs
 * each delivery. On PUT the secret may be left out to keep the current one. {@code organizationId} is needed only with
 * the deployment-wide key.
 */
public record WebhookRequest(String endpoint, String secret, UUID organizationId) {}
