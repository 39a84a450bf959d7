package dev.tributary.server.connect.postgres;

import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Row;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows as CSV lines for {@code COPY ... FROM STDIN (FORMAT csv)}. Every value is quoted, so an unquoted empty field
 * is NULL and {@code ""} is the empty string; values are written in PostgreSQL's input syntax.
 */
final class CopyFormat {

    private CopyFormat() {}

    /** Appends the row's line, with its line end. */
    static void appendLine(StringBuilder line, Row row, List<CanonicalType> types) {
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = row.get(i);
            if (value != null) {
                line.append('"').append(text(types.get(i), value).replace("\"", "\"\"")).append('"');
            }
        }
        line.append('\n');
    }

    private static String text(CanonicalType type, Object value) {
        return switch (type) {
            case CanonicalType.BooleanType ignored -> (Boolean) value ? "t" : "f";
            case CanonicalType.Decimal ignored -> ((BigDecimal) value).toPlainString();
            case CanonicalType.Bytes ignored -> "\\x" + HexFormat.of().formatHex((byte[]) value);
            case CanonicalType.Array array -> arrayLiteral(array.element(), (List<?>) value);
            // Numbers, text, JSON, UUIDs and java.time values print in a form PostgreSQL reads back exactly.
            default -> value.toString();
        };
    }

    /** {@code {"a","b"}}: every item quoted with backslash escapes, NULL unquoted. */
    private static String arrayLiteral(CanonicalType element, List<?> items) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            Object item = items.get(i);
            if (item == null) {
                literal.append("NULL");
            } else {
                literal.append('"').append(text(element, item).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return literal.append('}').toString();
    }
}
