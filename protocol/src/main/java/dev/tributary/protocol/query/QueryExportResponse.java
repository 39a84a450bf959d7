package dev.tributary.protocol.query;

import java.time.Instant;
import java.util.UUID;

/**
 * A finished export of a query's whole result.
 *
 * @param url where to download it, without credentials, until {@code expiresAt}
 */
public record QueryExportResponse(UUID id, UUID queryId, String format, String status, long rowCount, long bytes, String url,
        Instant expiresAt) {}
