package dev.tributary.server.connect.spi;

/** Writes batches into one destination object in one mode. */
public interface BatchWriter extends AutoCloseable {

    /**
     * Writes the batch and returns once it is committed, so that its checkpoint may be stored (a full refresh, whose
     * batches no one sees before it finishes, may commit them all with its swap at {@link #finish()}). Records with a
     * value the destination cannot hold are not written; each is reported, never truncated.
     */
    WriteResult write(RecordBatch batch);

    /**
     * Loads whole records in the connector's {@link Connector#rawFormat()}, with the fields this writer was opened with
     * in that order, and returns once they are committed (a full refresh commits them all with its swap at
     * {@link #finish()}, as no one sees them before). Only appends and full refreshes take raw records: nothing
     * is checked on the way, so the caller sends only records of a source whose fields have the same types. Requires
     * {@link Capability#RAW_COPY}.
     */
    default void writeRaw(RawChunk chunk) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support " + Capability.RAW_COPY
                + "; check the factory's capabilities before calling");
    }

    /** Completes the write: a full refresh swaps its new content in here. Appends and upserts have nothing left to do. */
    void finish();

    /** Releases the writer; an unfinished full refresh is abandoned and leaves the object as it was. */
    @Override
    void close();
}
