package dev.tributary.server.connect.spi;

/** How a model sync matches a model record to a destination record by their identity values. */
public enum IdentityMatch {
    /** The values are equal. */
    EXACT,
    /** Text values are equal once both are lower-cased; only a text identity can match this way. */
    CASE_INSENSITIVE
}
