package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.Objects;

/** A bounded run of records with the position after the last of them. */
public record RecordBatch(List<Field> fields, List<Row> rows, Checkpoint checkpoint) {

    public RecordBatch {
        fields = List.copyOf(fields);
        rows = List.copyOf(rows);
        Objects.requireNonNull(checkpoint, "checkpoint");
        for (Row row : rows) {
            if (row.size() != fields.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " values for " + fields.size() + " fields");
            }
        }
    }
}
