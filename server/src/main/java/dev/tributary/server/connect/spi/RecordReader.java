package dev.tributary.server.connect.spi;

import java.util.Optional;

/** Batches of one read, in order. Holds a connection until closed. */
public interface RecordReader extends AutoCloseable {

    /** The next batch, or empty at the end. */
    Optional<RecordBatch> next();

    @Override
    void close();
}
