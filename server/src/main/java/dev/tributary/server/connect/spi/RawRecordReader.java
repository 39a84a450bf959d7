package dev.tributary.server.connect.spi;

import java.util.Optional;

/** Streams an object's records as {@link RawChunk}s, a bounded amount of bytes at a time. */
public interface RawRecordReader extends AutoCloseable {

    /** The next chunk, or empty after the last record. */
    Optional<RawChunk> next();

    /** Releases the connection; a read closed early stops on the remote side too. */
    @Override
    void close();
}
