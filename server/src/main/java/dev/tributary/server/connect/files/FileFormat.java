package dev.tributary.server.connect.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
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
        void write(Writer out, List<Field> fields, List<Row> rows) throws IOException {
            Csv.writeRecord(out, fields.stream().map(Field::name).toList());
            List<String> values = new ArrayList<>(fields.size());
            for (Row row : rows) {
                values.clear();
                for (int i = 0; i < fields.size(); i++) {
                    values.add(TextValues.format(fields.get(i).type(), row.get(i)));
                }
                Csv.writeRecord(out, values);
            }
        }

        @Override
        Records open(Reader in) throws IOException {
            Csv.RecordReader csv = new Csv.RecordReader(in);
            List<String> header = csv.next();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; header != null && i < header.size(); i++) {
                columns.putIfAbsent(header.get(i) == null ? "" : header.get(i).strip(), i);
            }
            return new Records() {
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
        void write(Writer out, List<Field> fields, List<Row> rows) throws IOException {
            for (Row row : rows) {
                out.write(JsonValues.MAPPER.writeValueAsString(JsonValues.toJson(fields, row)));
                out.write('\n');
            }
        }

        @Override
        Records open(Reader in) {
            BufferedReader lines = new BufferedReader(in);
            return new Records() {
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
    };

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }

    /** Writes a header, where the format has one, then the rows. */
    abstract void write(Writer out, List<Field> fields, List<Row> rows) throws IOException;

    /** Reads records one at a time. */
    abstract Records open(Reader in) throws IOException;

    /**
     * A value of the type from what {@link Records#raw} gave.
     *
     * @throws IllegalArgumentException when it is not one
     */
    abstract Object decode(CanonicalType type, Object raw);

    abstract void observe(Inference inference, Object raw);

    /** The records of one file. */
    abstract static class Records {
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
        return lower.endsWith(".jsonl") || lower.endsWith(".ndjson") ? Optional.of(JSONL) : Optional.empty();
    }
}
