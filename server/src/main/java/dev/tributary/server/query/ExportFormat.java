package dev.tributary.server.query;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tributary.server.connect.files.TextValues;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.parquet.ParquetRowWriter;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.QueryCursor;
import dev.tributary.server.connect.spi.Row;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How an export lays out a query's rows; each writes one row at a time, so an export of any size takes bounded memory. */
enum ExportFormat {

    /**
     * RFC 4180: a header of field names, CRLF line ends, a value quoted only when it holds a comma, a quote or a line
     * break, and an empty text as {@code ""} so that it differs from NULL, which is nothing at all.
     */
    CSV("csv", "text/csv; charset=utf-8") {
        @Override
        long write(QueryCursor cursor, List<Field> fields, OutputStream out) throws IOException {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
            writeCsvLine(writer, fields.stream().map(Field::name).toList());
            String[] values = new String[fields.size()];
            long rows = 0;
            for (Optional<Row> row = cursor.next(); row.isPresent(); row = cursor.next()) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = TextValues.format(fields.get(i).type(), row.get().get(i));
                }
                writeCsvLine(writer, Arrays.asList(values));
                rows++;
            }
            writer.flush();
            return rows;
        }
    },

    /** JSON Lines: one JSON object per row, keyed by field name, each on its own line. */
    JSONL("jsonl", "application/x-ndjson") {
        @Override
        long write(QueryCursor cursor, List<Field> fields, OutputStream out) throws IOException {
            OutputStream buffered = new BufferedOutputStream(out, BUFFER);
            ObjectWriter json = JsonValues.MAPPER.writer();
            long rows = 0;
            for (Optional<Row> row = cursor.next(); row.isPresent(); row = cursor.next()) {
                buffered.write(json.writeValueAsBytes(JsonValues.toJson(fields, row.get())));
                buffered.write('\n');
                rows++;
            }
            buffered.flush();
            return rows;
        }
    },

    /** Apache Parquet with each field's type; every field may be empty, as a query's result does not promise otherwise. */
    PARQUET("parquet", "application/vnd.apache.parquet") {
        @Override
        long write(QueryCursor cursor, List<Field> fields, OutputStream out) throws IOException {
            List<Field> columns = fields.stream().map(field -> Field.of(field.name(), field.type(), true, false)).toList();
            long rows = 0;
            try (ParquetRowWriter writer = new ParquetRowWriter(out, columns)) {
                for (Optional<Row> row = cursor.next(); row.isPresent(); row = cursor.next()) {
                    writer.write(row.get());
                    rows++;
                }
            }
            return rows;
        }
    };

    private static final int BUFFER = 64 * 1024;

    private final String id;
    private final String contentType;

    ExportFormat(String id, String contentType) {
        this.id = id;
        this.contentType = contentType;
    }

    String id() {
        return id;
    }

    /** The file name extension, which also tells a download its content type. */
    String extension() {
        return id;
    }

    /** Writes every row the cursor has left; returns how many. */
    abstract long write(QueryCursor cursor, List<Field> fields, OutputStream out) throws IOException;

    /** The format an export asks for; empty for a name that is none. */
    static Optional<ExportFormat> parse(String id) {
        return Arrays.stream(values()).filter(format -> format.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The content type of an exported file, by its name's extension. */
    static String contentType(String fileName) {
        return Arrays.stream(values()).filter(format -> fileName.endsWith("." + format.extension())).map(format -> format.contentType)
                .findFirst().orElse("application/octet-stream");
    }

    private static void writeCsvLine(Writer writer, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            String value = values.get(i);
            if (value == null) {
                continue;
            }
            if (value.isEmpty() || needsQuotes(value)) {
                writer.write('"');
                writer.write(value.replace("\"", "\"\""));
                writer.write('"');
            } else {
                writer.write(value);
            }
        }
        writer.write("\r\n");
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
