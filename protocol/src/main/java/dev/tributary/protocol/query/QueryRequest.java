package dev.tributary.protocol.query;

/** {@code POST /api/connections/{id}/query}: the SQL to run, one statement. */
public record QueryRequest(String query) {}
