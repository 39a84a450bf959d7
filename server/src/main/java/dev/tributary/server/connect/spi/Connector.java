package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.Optional;

/**
 * A connection to one remote system, made by a {@link ConnectorFactory} from validated settings. Source and
 * destination methods, and the optional capabilities among them, are {@code default} methods that refuse with
 * {@link UnsupportedOperationException}; a connector overrides those its factory declares in
 * {@link ConnectorFactory#capabilities()}.
 */
public interface Connector extends AutoCloseable {

    /** Connects and reports, in words, what is wrong: wrong password, host unreachable, database missing, TLS required. */
    TestResult test();

    /** Schemas, their objects and fields, with canonical types and primary keys. */
    Catalog discover();

    /**
     * Reads a whole object in batches ordered by primary key, starting after the request's checkpoint. An object
     * without a primary key is read in no particular order and its checkpoints stay at the start: an interrupted read
     * of it starts over. Requires {@link Capability#SOURCE}.
     */
    default RecordReader read(ReadRequest request) {
        throw unsupported(Capability.SOURCE);
    }

    /**
     * Reads the records whose {@code trackingField} comes after the request's checkpoint, in batches ordered by it and
     * then by primary key. A checkpoint holding only a tracking value (the start of a new sync) reads the records that
     * have that value again, as some of them may be new. Records without a tracking value are not read.
     * Requires {@link Capability#INCREMENTAL}.
     */
    default RecordReader readIncremental(ReadRequest request, String trackingField) {
        throw unsupported(Capability.INCREMENTAL);
    }

    /**
     * The format of {@link #readRaw} and {@link BatchWriter#writeRaw}, such as {@code postgresql-copy-text}: a table
     * copies through untouched only between connectors of the same format. Requires {@link Capability#RAW_COPY}.
     */
    default String rawFormat() {
        throw unsupported(Capability.RAW_COPY);
    }

    /**
     * Reads every record of the object (the request's checkpoint is not used) as bytes in {@link #rawFormat()}, the
     * request's fields in its order, in no particular record order. Requires {@link Capability#RAW_COPY}.
     */
    default RawRecordReader readRaw(ReadRequest request) {
        throw unsupported(Capability.RAW_COPY);
    }

    /** Creates the object with these fields (types mapped from canonical ones) and their primary key. Requires {@link Capability#DESTINATION}. */
    default void createObject(String object, List<Field> fields) {
        throw unsupported(Capability.DESTINATION);
    }

    /** Adds new, nullable fields to an existing object. Requires {@link Capability#DESTINATION}. */
    default void addFields(String object, List<Field> fields) {
        throw unsupported(Capability.DESTINATION);
    }

    /** Appends every record. Requires {@link Capability#DESTINATION}. */
    default BatchWriter openAppend(String object, List<Field> fields) {
        throw unsupported(Capability.DESTINATION);
    }

    /** Inserts new records and updates those whose primary key exists. Requires {@link Capability#UPSERT}. */
    default BatchWriter openUpsert(String object, List<Field> fields) {
        throw unsupported(Capability.UPSERT);
    }

    /**
     * Replaces the object's content with the records written, in one step at {@link BatchWriter#finish()}: readers see
     * the old content until then. Requires {@link Capability#ATOMIC_REFRESH}.
     */
    default BatchWriter openReplace(String object, List<Field> fields) {
        throw unsupported(Capability.ATOMIC_REFRESH);
    }

    /** The objects a model sync can write to, with the modes each takes. Requires {@link Capability#MODEL_SYNC}. */
    default List<ModelObject> modelTargets() {
        throw unsupported(Capability.MODEL_SYNC);
    }

    /**
     * One object a model sync can write to, with its fields: which can be set on insert and on update, and which can be
     * the identity. Empty when there is no such object. Requires {@link Capability#MODEL_SYNC}.
     */
    default Optional<ModelObjectDetail> modelTarget(String object) {
        throw unsupported(Capability.MODEL_SYNC);
    }

    /**
     * Opens a writer of model records into the target's object. Checks at once that the object exists, has the mapped
     * fields, and that the identity can match as asked. Requires {@link Capability#MODEL_SYNC}.
     */
    default ModelWriter openModelWrite(ModelTarget target) {
        throw unsupported(Capability.MODEL_SYNC);
    }

    /**
     * Runs one SQL statement in a read-only transaction under {@code limits}, and streams its rows. A statement that
     * would change data, directly or through a function it calls, fails. {@code cancellation} stops the statement from
     * another thread, while it runs or while its rows are read. Requires {@link Capability#QUERY}.
     *
     * @throws QueryTimeoutException when the statement runs longer than {@link QueryLimits#timeout()}
     * @throws ConnectorException with the database's own words (and where it points in the statement) for any other failure
     */
    default QueryCursor runQuery(String sql, QueryLimits limits, Cancellation cancellation) {
        throw unsupported(Capability.QUERY);
    }

    @Override
    void close();

    private UnsupportedOperationException unsupported(Capability capability) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " does not support " + capability
                + "; check the factory's capabilities before calling");
    }
}
