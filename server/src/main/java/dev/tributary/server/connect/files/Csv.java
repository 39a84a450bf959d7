package dev.tributary.server.connect.files;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it, with one addition that keeps a missing value apart from an empty text: an empty unquoted
 * field is no value ({@code null}), an empty quoted field ({@code ""}) is the empty text.
 */
final class Csv {

    private Csv() {}

    /** Writes one record; every text is quoted, so only no value is left empty. */
    static void writeRecord(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = values.get(i);
            if (value != null) {
                out.write('"');
                out.write(value.replace("\"", "\"\""));
                out.write('"');
            }
        }
        out.write("\r\n");
    }

    /** Reads records one at a time from a character stream. */
    static final class RecordReader {
        private final Reader in;
        private int peeked = -2;
        private long line = 1;
        private long recordLine;

        RecordReader(Reader in) {
            this.in = in;
        }

        /** The line the last record read started on, counting from 1. */
        long recordLine() {
            return recordLine;
        }

        /** The next record, or null at the end of the input. */
        List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<String> values = new ArrayList<>();
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (c == '"' && value.isEmpty() && !quoted) {
                    quoted = true;
                    readQuoted(value);
                    c = read();
                    continue;
                }
                if (c == ',' || c == '\n' || c == '\r' || c == -1) {
                    values.add(quoted || !value.isEmpty() ? value.toString() : null);
                    if (c != ',') {
                        if (c == '\r' && peek() == '\n') {
                            read();
                        }
                        return values;
                    }
                    value.setLength(0);
                    quoted = false;
                } else {
                    value.append((char) c);
                }
                c = read();
            }
        }

        private void readQuoted(StringBuilder value) throws IOException {
            while (true) {
                int c = read();
                if (c == -1) {
                    throw new IOException("a quoted value that starts on line " + recordLine + " is never closed");
                }
                if (c == '"') {
                    if (peek() != '"') {
                        return;
                    }
                    read();
                }
                value.append((char) c);
            }
        }

        private int peek() throws IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked;
        }

        private int read() throws IOException {
            int c = peek();
            peeked = -2;
            if (c == '\n') {
                line++;
            }
            return c;
        }
    }
}
