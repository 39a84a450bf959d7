package dev.tributary.protocol.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A SQL runner query and, once completed, one page of its result.
 *
 * @param status running, completed, failed or canceled
 * @param fields the result's columns with their canonical types; a name the result repeats gets a suffix ({@code id_2})
 * @param results the page's rows, each an object keyed by field name
 * @param count the rows of the whole result kept (at most QUERY_ROW_LIMIT)
 * @param truncated whether the result had more rows than were kept; an export holds them all
 * @param error why it failed, in the database's own words (with the position in the query it points to)
 */
public record QueryResponse(UUID id, UUID connectionId, String query, String status, List<Field> fields, List<Object> results, long count,
        boolean truncated, String error, Instant createdAt, Instant completedAt, Instant expiresAt) {

    public record Field(String name, String type) {}
}
