package dev.tributary.server.connect.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Checks canonical values against their type, and writes scalar values as text for checkpoints and back. */
public final class CanonicalValues {

    private CanonicalValues() {}

    /**
     * Why {@code value} cannot be a value of {@code type}, in words that say what would fit; empty when it can.
     * Nothing is rounded or cut: a decimal with too many digits is a problem, not a smaller number.
     */
    public static Optional<String> problem(CanonicalType type, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!type.javaType().isInstance(value)) {
            return Optional.of("is a " + value.getClass().getSimpleName() + ", not a " + type.displayName() + " value");
        }
        return switch (type) {
            case CanonicalType.Decimal decimal when decimal.bounded() -> decimalProblem(decimal, (BigDecimal) value);
            case CanonicalType.Array array -> {
                int index = 0;
                for (Object item : (List<?>) value) {
                    Optional<String> problem = problem(array.element(), item);
                    if (problem.isPresent()) {
                        yield Optional.of("item " + index + " " + problem.get());
                    }
                    index++;
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    /**
     * The value of type {@code from} as a value of type {@code to}, where that loses nothing: an integer into any
     * integer type it fits or into a decimal, an integer or float32 into a float64 that holds it exactly, a date into a
     * timestamp at midnight, any scalar into its text. Otherwise the value itself, for the writer to report as not fitting.
     */
    public static Object widen(CanonicalType from, CanonicalType to, Object value) {
        if (value == null || from.equals(to) || to.javaType().isInstance(value)) {
            return value;
        }
        return switch (to) {
            case CanonicalType.Int16 ignored when value instanceof Integer || value instanceof Long ->
                    fits((Number) value, Short.MIN_VALUE, Short.MAX_VALUE) ? (Object) ((Number) value).shortValue() : value;
            case CanonicalType.Int32 ignored when value instanceof Short number -> number.intValue();
            case CanonicalType.Int32 ignored when value instanceof Long number ->
                    fits(number, Integer.MIN_VALUE, Integer.MAX_VALUE) ? (Object) number.intValue() : value;
            case CanonicalType.Int64 ignored when value instanceof Short || value instanceof Integer -> ((Number) value).longValue();
            case CanonicalType.Decimal ignored when value instanceof Short || value instanceof Integer || value instanceof Long ->
                    BigDecimal.valueOf(((Number) value).longValue());
            case CanonicalType.Float64 ignored when value instanceof Float number -> (double) number;
            case CanonicalType.Float64 ignored when value instanceof Short || value instanceof Integer -> ((Number) value).doubleValue();
            // Every integer up to 2^53 is a double exactly.
            case CanonicalType.Float64 ignored when value instanceof Long number && Math.abs(number) <= 1L << 53 -> (double) number;
            case CanonicalType.Timestamp ignored when value instanceof LocalDate date -> date.atStartOfDay();
            case CanonicalType.StringType ignored when !(from instanceof CanonicalType.Array) && !(from instanceof CanonicalType.Bytes) ->
                    format(from, value);
            default -> value;
        };
    }

    private static boolean fits(Number number, long min, long max) {
        return number.longValue() >= min && number.longValue() <= max;
    }

    private static Optional<String> decimalProblem(CanonicalType.Decimal type, BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        int fraction = Math.max(stripped.scale(), 0);
        int whole = stripped.precision() - stripped.scale();
        if (fraction > type.scale()) {
            return Optional.of("has " + fraction + " digits after the decimal point; " + type.displayName()
                    + " keeps at most " + type.scale());
        }
        if (whole > type.precision() - type.scale()) {
            return Optional.of("has " + whole + " digits before the decimal point; " + type.displayName()
                    + " keeps at most " + (type.precision() - type.scale()));
        }
        return Optional.empty();
    }

    /** A scalar value as text that {@link #parse} reads back to an equal value. */
    public static String format(CanonicalType type, Object value) {
        return switch (type) {
            case CanonicalType.Bytes ignored -> Base64.getEncoder().encodeToString((byte[]) value);
            case CanonicalType.Decimal ignored -> ((BigDecimal) value).toPlainString();
            case CanonicalType.Array ignored -> throw new IllegalArgumentException("an array cannot be a checkpoint position");
            default -> value.toString();
        };
    }

    public static Object parse(CanonicalType type, String text) {
        return switch (type) {
            case CanonicalType.BooleanType ignored -> Boolean.parseBoolean(text);
            case CanonicalType.Int16 ignored -> Short.parseShort(text);
            case CanonicalType.Int32 ignored -> Integer.parseInt(text);
            case CanonicalType.Int64 ignored -> Long.parseLong(text);
            case CanonicalType.Decimal ignored -> new BigDecimal(text);
            case CanonicalType.Float32 ignored -> Float.parseFloat(text);
            case CanonicalType.Float64 ignored -> Double.parseDouble(text);
            case CanonicalType.StringType ignored -> text;
            case CanonicalType.Json ignored -> text;
            case CanonicalType.Bytes ignored -> Base64.getDecoder().decode(text);
            case CanonicalType.Date ignored -> LocalDate.parse(text);
            case CanonicalType.Time ignored -> LocalTime.parse(text);
            case CanonicalType.Timestamp ignored -> LocalDateTime.parse(text);
            case CanonicalType.TimestampTz ignored -> Instant.parse(text);
            case CanonicalType.Uuid ignored -> UUID.fromString(text);
            case CanonicalType.Array ignored -> throw new IllegalArgumentException("an array cannot be a checkpoint position");
        };
    }
}
