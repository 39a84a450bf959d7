package dev.tributary.server.connect.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.parquet.ParquetRowReader;
import dev.tributary.server.connect.parquet.ParquetRowWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How records are laid out in a file, told by the file's extension. */
enum FileFormat {

    /** A header row of field names, then one record per row. */
    CSV("csv") {
        @Override
        void write(OutputStream stream, List<Field> fields, List<Row> rows) throws IOException {
            Writer out = text(stream);
            Csv.writeRecord(out, fields.stream().map(Field::name).toList());
            List<String> values = new ArrayList<>(fields.size());
            for (Row row : rows) {
                values.clear();
                for (int i = 0; i < fields.size(); i++) {
                    values.add(TextValues.format(fields.get(i).type(), row.get(i)));
                }
                Csv.writeRecord(out, values);
            }
            out.flush();
        }

        @Override
        Records open(InputStream stream) throws IOException {
            BufferedReader in = text(stream);
            Csv.RecordReader csv = new Csv.RecordReader(in);
            List<String> header = csv.next();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; header != null && i < header.size(); i++) {
                columns.putIfAbsent(header.get(i) == null ? "" : header.get(i).strip(), i);
            }
            return new Records(in) {
                private List<String> values;

                @Override
                boolean next() throws IOException {
                    do {
                        values = csv.next();
                    } while (values != null && values.size() == 1 && values.getFirst() == null);
                    return values != null;
                }

                @Override
                long line() {
                    return csv.recordLine();
                }

                @Override
                List<String> fieldNames() {
                    return header == null ? List.of() : header.stream().map(name -> name == null ? "" : name.strip()).toList();
                }

                @Override
                Object raw(String field) {
                    Integer column = columns.get(field);
                    return column == null || column >= values.size() ? null : values.get(column);
                }
            };
        }

        @Override
        Object decode(CanonicalType type, Object raw) {
            return TextValues.parse(type, (String) raw);
        }

        @Override
        void observe(Inference inference, Object raw) {
            inference.observeText((String) raw);
        }
    },

    /** One JSON object per line, keyed by field name. */
    JSONL("jsonl") {
        @Override
        void write(OutputStream stream, List<Field> fields, List<Row> rows) throws IOException {
            Writer out = text(stream);
            for (Row row : rows) {
                out.write(JsonValues.MAPPER.writeValueAsString(JsonValues.toJson(fields, row)));
                out.write('\n');
            }
            out.flush();
        }

        @Override
        Records open(InputStream stream) throws IOException {
            BufferedReader lines = text(stream);
            return new Records(lines) {
                private JsonNode record;
                private long line;

                @Override
                boolean next() throws IOException {
                    String text;
                    do {
                        text = lines.readLine();
                        line++;
                    } while (text != null && text.isBlank());
                    if (text == null) {
                        return false;
                    }
                    try {
                        record = JsonValues.MAPPER.readTree(text);
                    } catch (JsonProcessingException e) {
                        throw new IOException("line " + line + " is not a JSON object");
                    }
                    if (!record.isObject()) {
                        throw new IOException("line " + line + " is not a JSON object");
                    }
                    return true;
                }

                @Override
                long line() {
                    return line;
                }

                @Override
                List<String> fieldNames() {
                    List<String> names = new ArrayList<>();
                    if (record != null) {
                        record.fieldNames().forEachRemaining(names::add);
                    }
                    return names;
                }

                @Override
                Object raw(String field) {
                    return record.get(field);
                }
            };
        }

        @Override
        Object decode(CanonicalType type, Object raw) {
            JsonNode node = (JsonNode) raw;
            if (node == null || node.isNull()) {
                return null;
            }
            if (type == CanonicalType.STRING && node.isContainerNode()) {
                return node.toString();
            }
            // Text written by other tools: timestamps with a space, booleans as words.
            if (node.isTextual() && !(type instanceof CanonicalType.Json) && type != CanonicalType.STRING) {
                return TextValues.parse(type, node.textValue());
            }
            return JsonValues.fromJson(type, node);
        }

        @Override
        void observe(Inference inference, Object raw) {
            inference.observeJson((JsonNode) raw);
        }
    },

    /**
     * Apache Parquet, ZSTD-compressed, typed by the file itself. Reading needs random access, so a file is first
     * copied to a temporary file (local files too, which keeps one path for every storage).
     */
    PARQUET("parquet") {
        @Override
        void write(OutputStream out, List<Field> fields, List<Row> rows) throws IOException {
            try (ParquetRowWriter writer = new ParquetRowWriter(out, fields)) {
                for (Row row : rows) {
                    writer.write(row);
                }
            }
        }

        @Override
        Records open(InputStream stream) throws IOException {
            Path copy = Files.createTempFile("tributary-read-", ".parquet");
            ParquetRowReader reader;
            try (stream) {
                Files.copy(stream, copy, StandardCopyOption.REPLACE_EXISTING);
                reader = new ParquetRowReader(copy);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < reader.fieldNames().size(); i++) {
                columns.putIfAbsent(reader.fieldNames().get(i), i);
            }
            List<String> names = reader.fields().stream().map(Field::name).toList();
            return new Records(() -> {
                try {
                    reader.close();
                } finally {
                    Files.deleteIfExists(copy);
                }
            }) {
                private long record;

                @Override
                boolean next() throws IOException {
                    record++;
                    return reader.next();
                }

                @Override
                long line() {
                    return record;
                }

                @Override
                List<String> fieldNames() {
                    return names;
                }

                @Override
                Object raw(String field) {
                    Integer column = columns.get(field);
                    return column == null ? null : reader.value(column);
                }

                @Override
                List<Field> declaredFields() {
                    return reader.fields();
                }
            };
        }

        /** Values come typed by the file; a file typed differently from the object's schema is read where no value changes. */
        @Override
        Object decode(CanonicalType type, Object raw) {
            if (raw == null || type.javaType().isInstance(raw)) {
                return raw;
            }
            return switch (raw) {
                case String text -> TextValues.parse(type, text);
                case Short number when type == CanonicalType.INT32 -> number.intValue();
                case Short number when type == CanonicalType.INT64 -> number.longValue();
                case Integer number when type == CanonicalType.INT64 -> number.longValue();
                case Number number when type instanceof CanonicalType.Decimal -> new BigDecimal(number.toString());
                case Float number when type == CanonicalType.FLOAT64 -> number.doubleValue();
                default -> {
                    if (type == CanonicalType.STRING && !(raw instanceof byte[]) && !(raw instanceof List<?>)) {
                        yield raw.toString();
                    }
                    throw new IllegalArgumentException("is a " + raw.getClass().getSimpleName() + " in the file, which is not a "
                            + type.displayName() + " value");
                }
            };
        }

        /** The file declares its types, so nothing is guessed. */
        @Override
        void observe(Inference inference, Object raw) {}
    };

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }

    /** Writes a header, where the format has one, then the rows; flushes, and leaves the stream open. */
    abstract void write(OutputStream out, List<Field> fields, List<Row> rows) throws IOException;

    /** Reads records one at a time; closing the records closes the stream. */
    abstract Records open(InputStream in) throws IOException;

    /**
     * A value of the type from what {@link Records#raw} gave.
     *
     * @throws IllegalArgumentException when it is not one
     */
    abstract Object decode(CanonicalType type, Object raw);

    abstract void observe(Inference inference, Object raw);

    /** UTF-8 text, without the byte order mark some tools write first. */
    private static BufferedReader text(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static Writer text(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
    }

    private static final int BUFFER = 64 * 1024;

    /** The records of one file. */
    abstract static class Records implements Closeable {
        private final Closeable source;

        Records(Closeable source) {
            this.source = source;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }

        /** The fields with the types the file itself declares; empty for formats whose types are guessed. */
        List<Field> declaredFields() {
            return List.of();
        }
        /** Moves to the next record; false at the end. */
        abstract boolean next() throws IOException;

        /** The line the current record starts on. */
        abstract long line();

        /** The field names of the file (CSV) or of the current record (JSON Lines), in order. */
        abstract List<String> fieldNames();

        /** The current record's raw value of the field, or null when it has none. */
        abstract Object raw(String field);
    }

    /** The format of a data file, by its extension; empty for any other file. */
    static Optional<FileFormat> of(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.startsWith("_") || name.startsWith(".")) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (lower.endsWith(".parquet")) {
            return Optional.of(PARQUET);
        }
        return lower.endsWith(".jsonl") || lower.endsWith(".ndjson") ? Optional.of(JSONL) : Optional.empty();
    }
}
