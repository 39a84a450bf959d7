package dev.tributary.protocol.modelsync;

/**
 * Keeps the model records whose {@code field} passes {@code function} against {@code value} (a string, number, or for
 * {@code Between} and {@code StringOneOf} a list). Several filters combine through the sync's {@code filter_logic}.
 */
public record Filter(String field, String function, Object value) {}
