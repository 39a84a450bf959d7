package dev.tributary.server.connect.spi;

/** What a {@link ModelWriter} does with a batch of model records; a {@link ModelSyncMode} is made of these. */
public enum ModelOperation {
    /** Updates the records whose identity is in the destination and inserts the others. */
    UPSERT,
    /** Inserts the records whose identity is not in the destination; the others are skipped. */
    INSERT_NEW,
    /** Updates the records whose identity is in the destination; the others are skipped. */
    UPDATE_EXISTING,
    /** Inserts every record, identity or not. */
    APPEND,
    /** Deletes the destination records whose identity is among the records'; the others are skipped. */
    DELETE;

    /** Whether the records must carry an identity: all but {@link #APPEND} find their destination record by it. */
    public boolean needsIdentity() {
        return this != APPEND;
    }
}
