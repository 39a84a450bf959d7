package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.Objects;

/**
 * What to read.
 *
 * @param schema and {@code object} name the object, as the catalog does
 * @param fields the fields to read, in order; empty reads them all. They must include the primary key (and the
 *     tracking field of an incremental read), whose values make the checkpoints
 * @param from where to start: {@link Checkpoint#START}, or a checkpoint from an earlier batch
 * @param batchSize the most records in one batch; it bounds the memory a read uses
 */
public record ReadRequest(String schema, String object, List<String> fields, Checkpoint from, int batchSize) {

    public ReadRequest {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
        Objects.requireNonNull(from, "from");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
    }
}
