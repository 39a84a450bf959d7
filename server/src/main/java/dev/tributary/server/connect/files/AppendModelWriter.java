package dev.tributary.server.connect.files;

import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelOperation;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.RecordOutcome;
import dev.tributary.server.connect.spi.Row;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A model sync into files, which cannot find a record again to update or delete it: each batch is appended through
 * the object's {@link BatchWriter}, and the run's files are completed when the writer closes.
 */
final class AppendModelWriter implements ModelWriter {

    private final ModelObject object;
    private final List<Field> fields;
    private final BatchWriter writer;

    AppendModelWriter(ModelObject object, List<Field> fields, BatchWriter writer) {
        this.object = object;
        this.fields = fields;
        this.writer = writer;
    }

    @Override
    public List<RecordOutcome> apply(ModelOperation operation, List<Row> records) {
        object.checkAccepts(operation);
        RecordOutcome[] outcomes = new RecordOutcome[records.size()];
        Arrays.fill(outcomes, RecordOutcome.INSERTED);
        for (RecordError error : writer.write(new RecordBatch(fields, records, Checkpoint.START)).rejected()) {
            outcomes[error.row()] = new RecordOutcome.Rejected(error.field(), error.message());
        }
        return Arrays.asList(outcomes);
    }

    @Override
    public long retainOnly(Iterator<Object> identities) {
        object.checkAcceptsRetainOnly();
        throw new IllegalStateException("an append-only object never takes REPLACE");
    }

    /** Every appended batch is already stored; finishing writes the run's manifest. */
    @Override
    public void close() {
        try (writer) {
            writer.finish();
        }
    }
}
