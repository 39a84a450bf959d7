package dev.tributary.protocol.query;

/** {@code POST /api/queries/{id}/export}: {@code format} is csv (the default) or jsonl. */
public record QueryExportRequest(String format) {}
