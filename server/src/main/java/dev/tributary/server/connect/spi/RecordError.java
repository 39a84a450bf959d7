package dev.tributary.server.connect.spi;

/**
 * A record the destination could not take as it is, and why: which field, and what is wrong with its value. The value
 * itself is not repeated, as it may be personal data.
 *
 * @param row the record's index in its batch
 */
public record RecordError(int row, String field, String message) {}
