package dev.tributary.protocol.modelsync;

/** Sends {@code override} instead of a record's {@code field} value when that value passes {@code function} against {@code value}. */
public record Override(String field, String function, Object value, Object override) {}
