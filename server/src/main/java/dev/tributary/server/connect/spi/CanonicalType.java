package dev.tributary.server.connect.spi;

import java.util.Objects;

/**
 * The types every connector maps its own types to, so that any source reaches any destination through one table per
 * connector. Each type names the Java class its values have on the way between connectors.
 */
public sealed interface CanonicalType {

    /** The class of this type's values (never null: a missing value is a Java {@code null}). */
    Class<?> javaType();

    /** A short name such as {@code decimal(38,9)} or {@code array<int32>}, for messages and catalogs. */
    String displayName();

    record BooleanType() implements CanonicalType {
        public Class<?> javaType() { return Boolean.class; }
        public String displayName() { return "boolean"; }
    }

    record Int16() implements CanonicalType {
        public Class<?> javaType() { return Short.class; }
        public String displayName() { return "int16"; }
    }

    record Int32() implements CanonicalType {
        public Class<?> javaType() { return Integer.class; }
        public String displayName() { return "int32"; }
    }

    record Int64() implements CanonicalType {
        public Class<?> javaType() { return Long.class; }
        public String displayName() { return "int64"; }
    }

    /**
     * An exact number with at most {@code precision} digits, {@code scale} of them after the point.
     * {@link #UNBOUNDED} (precision 0) takes any number, as PostgreSQL's plain {@code numeric} does.
     */
    record Decimal(int precision, int scale) implements CanonicalType {
        public static final Decimal UNBOUNDED = new Decimal(0, 0);

        public Decimal {
            if (precision < 0 || scale < 0 || precision > 0 && scale > precision) {
                throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") is not a valid precision and scale");
            }
        }

        public boolean bounded() { return precision > 0; }
        public Class<?> javaType() { return java.math.BigDecimal.class; }
        public String displayName() { return bounded() ? "decimal(" + precision + "," + scale + ")" : "decimal"; }
    }

    record Float32() implements CanonicalType {
        public Class<?> javaType() { return Float.class; }
        public String displayName() { return "float32"; }
    }

    record Float64() implements CanonicalType {
        public Class<?> javaType() { return Double.class; }
        public String displayName() { return "float64"; }
    }

    record StringType() implements CanonicalType {
        public Class<?> javaType() { return String.class; }
        public String displayName() { return "string"; }
    }

    record Bytes() implements CanonicalType {
        public Class<?> javaType() { return byte[].class; }
        public String displayName() { return "bytes"; }
    }

    record Date() implements CanonicalType {
        public Class<?> javaType() { return java.time.LocalDate.class; }
        public String displayName() { return "date"; }
    }

    /** A time of day without zone, to the microsecond. */
    record Time() implements CanonicalType {
        public Class<?> javaType() { return java.time.LocalTime.class; }
        public String displayName() { return "time"; }
    }

    /** A date and time without zone (wall clock), to the microsecond. */
    record Timestamp() implements CanonicalType {
        public Class<?> javaType() { return java.time.LocalDateTime.class; }
        public String displayName() { return "timestamp"; }
    }

    /** An instant on the time line, to the microsecond; the zone it was written in is not kept. */
    record TimestampTz() implements CanonicalType {
        public Class<?> javaType() { return java.time.Instant.class; }
        public String displayName() { return "timestamptz"; }
    }

    /** A JSON document, carried as its text. */
    record Json() implements CanonicalType {
        public Class<?> javaType() { return String.class; }
        public String displayName() { return "json"; }
    }

    record Uuid() implements CanonicalType {
        public Class<?> javaType() { return java.util.UUID.class; }
        public String displayName() { return "uuid"; }
    }

    /** A list of values of one non-array type; values are {@code java.util.List}s whose items may be null. */
    record Array(CanonicalType element) implements CanonicalType {
        public Array {
            Objects.requireNonNull(element, "element");
            if (element instanceof Array) {
                throw new IllegalArgumentException("arrays of arrays are not supported");
            }
        }

        public Class<?> javaType() { return java.util.List.class; }
        public String displayName() { return "array<" + element.displayName() + ">"; }
    }

    CanonicalType BOOLEAN = new BooleanType();
    CanonicalType INT16 = new Int16();
    CanonicalType INT32 = new Int32();
    CanonicalType INT64 = new Int64();
    CanonicalType FLOAT32 = new Float32();
    CanonicalType FLOAT64 = new Float64();
    CanonicalType STRING = new StringType();
    CanonicalType BYTES = new Bytes();
    CanonicalType DATE = new Date();
    CanonicalType TIME = new Time();
    CanonicalType TIMESTAMP = new Timestamp();
    CanonicalType TIMESTAMPTZ = new TimestampTz();
    CanonicalType JSON = new Json();
    CanonicalType UUID = new Uuid();

    /** The type named by {@link #displayName()}, such as {@code decimal(38,9)} or {@code array<int64>}. */
    static CanonicalType parse(String displayName) {
        String name = displayName.trim();
        if (name.startsWith("array<") && name.endsWith(">")) {
            return arrayOf(parse(name.substring("array<".length(), name.length() - 1)));
        }
        if (name.startsWith("decimal(") && name.endsWith(")")) {
            String[] parts = name.substring("decimal(".length(), name.length() - 1).split(",");
            if (parts.length == 2) {
                try {
                    return decimal(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + displayName + "' is not a canonical type", e);
                }
            }
        }
        return switch (name) {
            case "boolean" -> BOOLEAN;
            case "int16" -> INT16;
            case "int32" -> INT32;
            case "int64" -> INT64;
            case "decimal" -> Decimal.UNBOUNDED;
            case "float32" -> FLOAT32;
            case "float64" -> FLOAT64;
            case "string" -> STRING;
            case "bytes" -> BYTES;
            case "date" -> DATE;
            case "time" -> TIME;
            case "timestamp" -> TIMESTAMP;
            case "timestamptz" -> TIMESTAMPTZ;
            case "json" -> JSON;
            case "uuid" -> UUID;
            default -> throw new IllegalArgumentException("'" + displayName + "' is not a canonical type");
        };
    }

    static CanonicalType decimal(int precision, int scale) {
        return new Decimal(precision, scale);
    }

    static CanonicalType arrayOf(CanonicalType element) {
        return new Array(element);
    }
}
