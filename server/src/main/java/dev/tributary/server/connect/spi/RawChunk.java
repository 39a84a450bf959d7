package dev.tributary.server.connect.spi;

/**
 * Whole records as bytes in a connector's {@link Connector#rawFormat()}: {@code bytes[0, length)} holds {@code records}
 * complete records, for copying a table to a destination of the same format without decoding a value on the way.
 */
public record RawChunk(byte[] bytes, int length, int records) {

    public RawChunk {
        if (length < 0 || length > bytes.length || records < 0) {
            throw new IllegalArgumentException("a chunk of " + records + " records in " + length + " of " + bytes.length + " bytes");
        }
    }
}
