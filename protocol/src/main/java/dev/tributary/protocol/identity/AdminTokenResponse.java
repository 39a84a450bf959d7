package dev.tributary.protocol.identity;

import java.time.Instant;

/** A short-lived admin token for the console: send it as {@code Authorization: Bearer TOKEN} until it expires. */
public record AdminTokenResponse(String token, Instant expiresAt) {}
