package dev.tributary.server.connect.postgres;

import dev.tributary.server.connect.jdbc.RemoteColumn;
import dev.tributary.server.connect.jdbc.TypeMapping;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL's types and the canonical ones, both ways: the one mapping table of this connector. */
final class PostgresTypes implements TypeMapping {

    /** {@code numeric} without a declared precision reports this size; it takes any number. */
    private static final int UNCONSTRAINED_NUMERIC = 1000;
    private static final Pattern LENGTH = Pattern.compile("(?:varchar|bpchar)\\((\\d+)\\)");
    // PostgreSQL stores dates and timestamps from 4713 BC to 294276 AD.
    private static final int MIN_YEAR = -4712;
    private static final int MAX_YEAR = 294275;

    @Override
    public CanonicalType toCanonical(RemoteColumn column) {
        String name = column.typeName();
        if (name.startsWith("_")) {
            return CanonicalType.arrayOf(toCanonical(new RemoteColumn(name.substring(1), 0, 0)));
        }
        return switch (name) {
            case "bool" -> CanonicalType.BOOLEAN;
            case "int2", "smallserial" -> CanonicalType.INT16;
            case "int4", "serial" -> CanonicalType.INT32;
            case "int8", "bigserial" -> CanonicalType.INT64;
            case "numeric" -> column.size() > 0 && column.size() < UNCONSTRAINED_NUMERIC
                    ? CanonicalType.decimal(column.size(), column.scale()) : CanonicalType.Decimal.UNBOUNDED;
            case "float4" -> CanonicalType.FLOAT32;
            case "float8" -> CanonicalType.FLOAT64;
            case "bytea" -> CanonicalType.BYTES;
            case "date" -> CanonicalType.DATE;
            case "time" -> CanonicalType.TIME;
            case "timestamp" -> CanonicalType.TIMESTAMP;
            case "timestamptz" -> CanonicalType.TIMESTAMPTZ;
            case "json", "jsonb" -> CanonicalType.JSON;
            case "uuid" -> CanonicalType.UUID;
            // text, varchar, bpchar, citext, and types without a canonical match (interval, inet, enums) read as their text
            default -> CanonicalType.STRING;
        };
    }

    @Override
    public String toRemote(Field field) {
        return toRemote(field.type());
    }

    String toRemote(CanonicalType type) {
        return switch (type) {
            case CanonicalType.BooleanType ignored -> "boolean";
            case CanonicalType.Int16 ignored -> "smallint";
            case CanonicalType.Int32 ignored -> "integer";
            case CanonicalType.Int64 ignored -> "bigint";
            case CanonicalType.Decimal decimal -> decimal.bounded() ? "numeric(" + decimal.precision() + "," + decimal.scale() + ")" : "numeric";
            case CanonicalType.Float32 ignored -> "real";
            case CanonicalType.Float64 ignored -> "double precision";
            case CanonicalType.StringType ignored -> "text";
            case CanonicalType.Bytes ignored -> "bytea";
            case CanonicalType.Date ignored -> "date";
            case CanonicalType.Time ignored -> "time";
            case CanonicalType.Timestamp ignored -> "timestamp";
            case CanonicalType.TimestampTz ignored -> "timestamptz";
            case CanonicalType.Json ignored -> "jsonb";
            case CanonicalType.Uuid ignored -> "uuid";
            case CanonicalType.Array array -> toRemote(array.element()) + "[]";
        };
    }

    @Override
    public String displayName(RemoteColumn column) {
        String name = column.typeName();
        if (name.startsWith("_")) {
            return name.substring(1) + "[]";
        }
        return switch (name) {
            case "numeric" -> column.size() > 0 && column.size() < UNCONSTRAINED_NUMERIC ? "numeric(" + column.size() + "," + column.scale() + ")" : name;
            case "varchar", "bpchar" -> column.size() > 0 && column.size() < Integer.MAX_VALUE ? name + "(" + column.size() + ")" : name;
            default -> name;
        };
    }

    /** The length limit of each remote type seen, such as 84 for {@code bpchar(84)}: read once, not for every value. */
    private static final Map<String, Optional<Integer>> LENGTHS = new ConcurrentHashMap<>();

    @Override
    public Optional<String> valueProblem(Field field, Object value) {
        Optional<Integer> length = LENGTHS.computeIfAbsent(field.remoteType(),
                type -> Optional.of(LENGTH.matcher(type)).filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))));
        return problem(field.type(), value, length);
    }

    private static Optional<String> problem(CanonicalType type, Object value, Optional<Integer> length) {
        return switch (value) {
            case null -> Optional.empty();
            case String text when text.indexOf('\u0000') >= 0 -> Optional.of("contains the character U+0000, which PostgreSQL text cannot hold");
            case String text when length.isPresent() && text.codePointCount(0, text.length()) > length.get() ->
                    Optional.of("is " + text.codePointCount(0, text.length()) + " characters long; the column holds at most " + length.get());
            case LocalDate date -> year(date.getYear());
            case LocalDateTime timestamp -> year(timestamp.getYear());
            case Instant instant -> year(instant.atOffset(ZoneOffset.UTC).getYear());
            case List<?> items when type instanceof CanonicalType.Array array -> items.stream()
                    .map(item -> problem(array.element(), item, Optional.empty()))
                    .flatMap(Optional::stream).findFirst().map(problem -> "has an item that " + problem);
            default -> Optional.empty();
        };
    }

    private static Optional<String> year(int year) {
        return year < MIN_YEAR || year > MAX_YEAR
                ? Optional.of("is in year " + year + ", outside the range PostgreSQL stores (4713 BC to 294276 AD)")
                : Optional.empty();
    }
}
