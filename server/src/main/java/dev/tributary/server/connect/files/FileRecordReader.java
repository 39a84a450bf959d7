package dev.tributary.server.connect.files;

import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams the records of an object's files, in file name order and then line order, a batch at a time. With a primary
 * key, each batch's checkpoint is the key of its last record, and a read from a checkpoint skips to the record after
 * the one with that key; without one, checkpoints stay at the start.
 */
final class FileRecordReader implements RecordReader {

    private final Storage storage;
    private final String object;
    private final Iterator<String> files;
    private final List<Field> fields;
    private final List<Integer> keyIndexes;
    private final String hint;
    private final int batchSize;
    private Map<String, String> skipThrough;
    private String file;
    private FileFormat.Records records;

    /**
     * @param hint what to do when a value does not fit its field, for the error message
     */
    FileRecordReader(Storage storage, String object, List<String> files, List<Field> fields, List<Field> key, Checkpoint from,
            String hint, int batchSize) {
        this.storage = storage;
        this.object = object;
        this.files = files.iterator();
        this.fields = fields;
        this.keyIndexes = key.stream().map(fields::indexOf).toList();
        this.hint = hint;
        this.batchSize = batchSize;
        this.skipThrough = from.position().isEmpty() ? null : from.position();
    }

    @Override
    public Optional<RecordBatch> next() {
        List<Row> rows = new ArrayList<>();
        try {
            while (rows.size() < batchSize && advance()) {
                Row row = decode();
                if (skipThrough == null) {
                    rows.add(row);
                } else if (position(row).equals(skipThrough)) {
                    skipThrough = null;
                }
            }
        } catch (IOException e) {
            throw new ConnectorException("Reading " + storage.location(file) + " failed: " + e.getMessage() + "; check the file.", e);
        }
        if (skipThrough != null) {
            throw new ConnectorException("The checkpoint " + skipThrough + " names a record that is no longer in " + object
                    + "; reset the checkpoint to read the object from the start.");
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint checkpoint = keyIndexes.isEmpty() ? Checkpoint.START : new Checkpoint(position(rows.getLast()));
        return Optional.of(new RecordBatch(fields, rows, checkpoint));
    }

    private Map<String, String> position(Row row) {
        Map<String, String> position = new LinkedHashMap<>();
        for (int index : keyIndexes) {
            position.put(fields.get(index).name(), CanonicalValues.format(fields.get(index).type(), row.get(index)));
        }
        return position;
    }

    /** Moves to the next record, opening the next file when one ends; false after the last. */
    private boolean advance() throws IOException {
        while (true) {
            if (records != null && records.next()) {
                return true;
            }
            closeFile();
            if (!files.hasNext()) {
                return false;
            }
            file = files.next();
            records = FileFormat.of(file).orElseThrow().open(storage.open(file));
        }
    }

    private Row decode() {
        FileFormat format = FileFormat.of(file).orElseThrow();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            Field field = fields.get(i);
            try {
                values[i] = format.decode(field.type(), records.raw(field.name()));
            } catch (IllegalArgumentException e) {
                throw new ConnectorException(storage.location(file) + " line " + records.line() + ": " + field.name() + " " + e.getMessage() + hint);
            }
            if (values[i] == null && !field.nullable()) {
                throw new ConnectorException(storage.location(file) + " line " + records.line() + ": " + field.name()
                        + " has no value, but the object's schema says it always has one" + hint);
            }
        }
        return new Row(values);
    }

    private void closeFile() {
        if (records != null) {
            try {
                records.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                records = null;
            }
        }
    }

    @Override
    public void close() {
        try {
            closeFile();
        } catch (UncheckedIOException e) {
            throw new ConnectorException("Closing " + storage.location(file) + " failed: " + e.getCause().getMessage(), e);
        }
    }
}
