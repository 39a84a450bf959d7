package dev.tributary.server.connect.spi;

/** One invalid setting: the field's name and what a valid value looks like. */
public record ConfigError(String field, String message) {}
