package dev.tributary.server.connect.mysql;

import dev.tributary.server.connect.jdbc.RemoteColumn;
import dev.tributary.server.connect.jdbc.TypeMapping;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MySQL's and MariaDB's types and the canonical ones, both ways: the one mapping table of this connector. */
final class MySqlTypes implements TypeMapping {

    private static final Pattern LENGTH = Pattern.compile("(?:VARCHAR|CHAR|VARBINARY|BINARY)\\((\\d+)\\)");
    // TIMESTAMP holds 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC; DATE and DATETIME hold years 1 to 9999.
    private static final Instant TIMESTAMP_MIN = Instant.parse("1970-01-01T00:00:01Z");
    private static final Instant TIMESTAMP_MAX = Instant.parse("2038-01-19T03:14:07.999999Z");
    /** Keys cannot be TEXT or BLOB; 255 characters keep a key within InnoDB's index size in utf8mb4. */
    private static final int KEY_LENGTH = 255;

    @Override
    public CanonicalType toCanonical(RemoteColumn column) {
        String name = column.typeName().toUpperCase(Locale.ROOT);
        boolean unsigned = name.endsWith(" UNSIGNED");
        return switch (unsigned ? name.substring(0, name.length() - " UNSIGNED".length()) : name) {
            case "BOOLEAN", "BOOL" -> CanonicalType.BOOLEAN;
            case "BIT" -> column.size() <= 1 ? CanonicalType.BOOLEAN : CanonicalType.BYTES;
            case "TINYINT", "YEAR" -> CanonicalType.INT16;
            case "SMALLINT" -> unsigned ? CanonicalType.INT32 : CanonicalType.INT16;
            case "MEDIUMINT" -> CanonicalType.INT32;
            case "INT", "INTEGER" -> unsigned ? CanonicalType.INT64 : CanonicalType.INT32;
            case "BIGINT" -> unsigned ? CanonicalType.decimal(20, 0) : CanonicalType.INT64;
            case "DECIMAL", "NUMERIC" -> CanonicalType.decimal(column.size(), column.scale());
            case "FLOAT" -> CanonicalType.FLOAT32;
            case "DOUBLE", "REAL" -> CanonicalType.FLOAT64;
            case "BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB" -> CanonicalType.BYTES;
            case "DATE" -> CanonicalType.DATE;
            case "TIME" -> CanonicalType.TIME;
            case "DATETIME" -> CanonicalType.TIMESTAMP;
            // TIMESTAMP is stored in UTC and read in the session's zone, which the connector sets to UTC.
            case "TIMESTAMP" -> CanonicalType.TIMESTAMPTZ;
            case "JSON" -> CanonicalType.JSON;
            case "UUID" -> CanonicalType.UUID;
            // CHAR, VARCHAR, the TEXT types, ENUM, SET, and MariaDB's JSON (a LONGTEXT) read as text
            default -> CanonicalType.STRING;
        };
    }

    @Override
    public String toRemote(Field field) {
        return switch (field.type()) {
            case CanonicalType.BooleanType ignored -> "BOOLEAN";
            case CanonicalType.Int16 ignored -> "SMALLINT";
            case CanonicalType.Int32 ignored -> "INT";
            case CanonicalType.Int64 ignored -> "BIGINT";
            // DECIMAL keeps at most 65 digits, 30 after the point; larger values are reported when written.
            case CanonicalType.Decimal decimal -> decimal.bounded()
                    ? "DECIMAL(" + Math.min(decimal.precision(), 65) + "," + Math.min(decimal.scale(), 30) + ")" : "DECIMAL(65,30)";
            case CanonicalType.Float32 ignored -> "FLOAT";
            case CanonicalType.Float64 ignored -> "DOUBLE";
            case CanonicalType.StringType ignored -> field.primaryKey() ? "VARCHAR(" + KEY_LENGTH + ")" : "LONGTEXT";
            case CanonicalType.Bytes ignored -> field.primaryKey() ? "VARBINARY(" + KEY_LENGTH + ")" : "LONGBLOB";
            case CanonicalType.Date ignored -> "DATE";
            case CanonicalType.Time ignored -> "TIME(6)";
            case CanonicalType.Timestamp ignored -> "DATETIME(6)";
            case CanonicalType.TimestampTz ignored -> "TIMESTAMP(6) NULL";
            case CanonicalType.Json ignored -> "JSON";
            case CanonicalType.Uuid ignored -> "UUID";
            case CanonicalType.Array array -> throw new ConnectorException("MySQL has no array type for " + field.name() + " ("
                    + array.displayName() + "); map it to a json field.");
        };
    }

    @Override
    public String displayName(RemoteColumn column) {
        String name = column.typeName().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "DECIMAL", "NUMERIC" -> name + "(" + column.size() + "," + column.scale() + ")";
            case "VARCHAR", "CHAR", "VARBINARY", "BINARY" -> name + "(" + column.size() + ")";
            default -> name;
        };
    }

    @Override
    public Optional<String> valueProblem(Field field, Object value) {
        Optional<Integer> length = Optional.of(LENGTH.matcher(field.remoteType())).filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1)));
        return switch (value) {
            case null -> Optional.empty();
            case Float number when number.isNaN() || number.isInfinite() -> Optional.of("is " + number + ", which MySQL cannot store");
            case Double number when number.isNaN() || number.isInfinite() -> Optional.of("is " + number + ", which MySQL cannot store");
            case String text when length.isPresent() && text.codePointCount(0, text.length()) > length.get() ->
                    Optional.of("is " + text.codePointCount(0, text.length()) + " characters long; the column holds at most " + length.get());
            case byte[] bytes when length.isPresent() && bytes.length > length.get() ->
                    Optional.of("is " + bytes.length + " bytes long; the column holds at most " + length.get());
            case Instant instant when instant.isBefore(TIMESTAMP_MIN) || instant.isAfter(TIMESTAMP_MAX) ->
                    Optional.of("is " + instant + ", outside the range a MySQL TIMESTAMP stores (1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC)");
            case LocalDate date when date.getYear() < 1 || date.getYear() > 9999 -> Optional.of("is in year " + date.getYear() + ", outside years 1 to 9999");
            case LocalDateTime time when time.getYear() < 1 || time.getYear() > 9999 -> Optional.of("is in year " + time.getYear() + ", outside years 1 to 9999");
            default -> Optional.empty();
        };
    }
}
