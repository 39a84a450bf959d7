package dev.tributary.protocol.bulk;

import java.util.List;

/**
 * One source table of a bulk sync. {@code id} is {@code schema.table}. With a {@code trackingField} (and a primary key),
 * later runs copy only records whose tracking value moved on, and upsert them; otherwise each run refreshes the table
 * atomically. {@code fields} limits the copy to those fields (all when absent).
 */
public record BulkSchema(String id, Boolean enabled, String trackingField, List<String> fields) {}
