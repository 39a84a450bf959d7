package dev.tributary.protocol.connection;

/**
 * The outcome of a connection test: {@code problem} names the kind of failure (wrong_credentials, host_unreachable,
 * database_missing, tls_required, ...) and {@code message} says what to change.
 */
public record ConnectionTestResponse(boolean success, String problem, String message) {}
