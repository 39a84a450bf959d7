package dev.tributary.server.connect.files;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.WriteResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Appends batches to an object as one file set per run: {@code <object>/<run id>/part-00001.csv}, ... and, once the run
 * is finished, {@code _manifest.json} listing the files, their record counts and the fields. A batch's file is named by
 * the run and the batch's number, which counts only batches written, so a batch written again after a failure replaces
 * its file instead of adding a second one.
 */
final class FileBatchWriter implements BatchWriter {

    static final String MANIFEST = "_manifest.json";

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final AtomicReference<Instant> LAST_RUN = new AtomicReference<>(Instant.EPOCH);

    private record Part(String key, long records) {}

    private final Storage storage;
    private final FileFormat format;
    private final String object;
    private final List<Field> columns;
    private final String runId;
    private final List<Part> parts = new ArrayList<>();

    /** @param columns the object's fields that batches hold, in their order, whose types and nullability values are checked against */
    FileBatchWriter(Storage storage, FileFormat format, String object, List<Field> columns) {
        this.storage = storage;
        this.format = format;
        this.object = object;
        this.columns = columns;
        this.runId = "run-" + RUN_TIME.format(nextRunTime()) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** A run time later than any before in this process, so that run directories sort in the order they were written. */
    private static Instant nextRunTime() {
        return LAST_RUN.updateAndGet(last -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS);
        });
    }

    @Override
    public WriteResult write(RecordBatch batch) {
        List<Row> accepted = new ArrayList<>();
        List<RecordError> rejected = new ArrayList<>();
        for (int r = 0; r < batch.rows().size(); r++) {
            Optional<RecordError> error = check(r, batch.rows().get(r));
            if (error.isPresent()) {
                rejected.add(error.get());
            } else {
                accepted.add(batch.rows().get(r));
            }
        }
        if (accepted.isEmpty()) {
            return new WriteResult(0, rejected);
        }
        String key = object + "/" + runId + "/part-" + "%05d".formatted(parts.size() + 1) + "." + format.extension();
        storage.write(key, out -> format.write(out, columns, accepted));
        parts.add(new Part(key, accepted.size()));
        return new WriteResult(accepted.size(), rejected);
    }

    private Optional<RecordError> check(int index, Row row) {
        for (int i = 0; i < columns.size(); i++) {
            Field column = columns.get(i);
            Object value = row.get(i);
            Optional<String> problem = value == null && !column.nullable()
                    ? Optional.of("is empty, but " + column.name() + " does not accept empty values")
                    : CanonicalValues.problem(column.type(), value).or(() -> jsonProblem(column.type(), value));
            if (problem.isPresent()) {
                return Optional.of(new RecordError(index, column.name(), problem.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> jsonProblem(CanonicalType type, Object value) {
        try {
            JsonValues.toJson(type, value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Writes the run's manifest, which marks the run complete. */
    @Override
    public void finish() {
        ObjectNode manifest = JsonValues.MAPPER.createObjectNode();
        manifest.put("object", object);
        manifest.put("run_id", runId);
        manifest.put("format", format.extension());
        manifest.put("records", parts.stream().mapToLong(Part::records).sum());
        ArrayNode files = manifest.putArray("files");
        parts.forEach(part -> files.addObject().put("path", part.key().substring(part.key().lastIndexOf('/') + 1)).put("records", part.records()));
        manifest.set("fields", SchemaFile.toJson(columns));
        storage.write(object + "/" + runId + "/" + MANIFEST, out -> JsonValues.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, manifest));
    }

    /** An unfinished run keeps the files of the batches it wrote, as their checkpoints may have been stored; it has no manifest. */
    @Override
    public void close() {}
}
