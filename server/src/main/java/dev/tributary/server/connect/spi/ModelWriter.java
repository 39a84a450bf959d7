package dev.tributary.server.connect.spi;

import java.util.Iterator;
import java.util.List;

/**
 * Writes the records of a model sync into one destination object ({@link Connector#openModelWrite}), matching them to
 * destination records by the target's identity field. Holds a connection until closed.
 *
 * <p>Two records of one batch with the same identity (as the target's {@link IdentityMatch} compares them) are not
 * both applied: the last one is, and the earlier ones are {@link RecordOutcome.SkipReason#SUPERSEDED_IN_BATCH skipped}.
 * {@link ModelOperation#APPEND} applies every record.
 */
public interface ModelWriter extends AutoCloseable {

    /**
     * Applies one operation to a batch of records, whose values follow the target's fields, and commits it before
     * returning. Each record's outcome comes back in the records' order. A record the destination refuses is
     * {@link RecordOutcome.Rejected rejected} alone, with the destination's message; the others are applied.
     *
     * @throws UnsupportedOperationException when the object does not take this operation (see {@link ModelObject#modes()})
     * @throws RetriableConnectorException when the destination failed in a way a retry may pass; nothing of the batch
     *     was committed
     */
    List<RecordOutcome> apply(ModelOperation operation, List<Row> records);

    /**
     * The first run of a replace sync: deletes the destination records whose identity is not among these (records
     * without an identity value included), commits, and returns how many it deleted. The identities are read once, as
     * values of the identity field's canonical type; there may be more of them than fit in memory.
     *
     * @throws UnsupportedOperationException when the object does not take {@link ModelSyncMode#REPLACE}
     */
    long retainOnly(Iterator<Object> identities);

    @Override
    void close();
}
