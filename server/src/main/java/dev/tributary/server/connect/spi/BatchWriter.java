package dev.tributary.server.connect.spi;

/** Writes batches into one destination object in one mode. */
public interface BatchWriter extends AutoCloseable {

    /**
     * Writes the batch and returns once it is committed, so that its checkpoint may be stored. Records with a value the
     * destination cannot hold are not written; each is reported, never truncated.
     */
    WriteResult write(RecordBatch batch);

    /** Completes the write: a full refresh swaps its new content in here. Appends and upserts have nothing left to do. */
    void finish();

    /** Releases the writer; an unfinished full refresh is abandoned and leaves the object as it was. */
    @Override
    void close();
}
