package dev.tributary.server.connect.spi;

/** What a connector can do. A connector declares its capabilities; the engine and the contract suite adapt to them. */
public enum Capability {
    /** Reads objects: {@link Connector#read}. */
    SOURCE,
    /** Creates objects and appends to them: {@link Connector#createObject}, {@link Connector#openAppend}. */
    DESTINATION,
    /** Reads only the records after a tracking field value: {@link Connector#readIncremental}. */
    INCREMENTAL,
    /** Merges records by primary key: {@link Connector#openUpsert}. */
    UPSERT,
    /** Replaces an object's content so that readers see the old or the new content, never a mix: {@link Connector#openReplace}. */
    ATOMIC_REFRESH,
    /**
     * Writes the records of model syncs, matched by an identity field: {@link Connector#modelTargets},
     * {@link Connector#modelTarget}, {@link Connector#openModelWrite}. Which modes an object takes is in its {@link ModelObject}.
     */
    MODEL_SYNC,

    /** Runs a read-only SQL query and streams its rows: {@link Connector#runQuery}. */
    QUERY,

    /**
     * Reads a whole object as bytes in one format and loads that format into an appended or replaced object without
     * decoding a value: {@link Connector#rawFormat}, {@link Connector#readRaw}, {@link BatchWriter#writeRaw}. Two
     * connectors of the same format copy a table at the speed of the bytes.
     */
    RAW_COPY
}
