package dev.tributary.server.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** One field per canonical type, and records that test their edges: NULLs, unicode, large decimals, time zones, empty values. */
public final class CanonicalSamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalSamples() {}

    public static final List<Field> FIELDS = List.of(
            Field.of("id", CanonicalType.INT64, false, true),
            Field.of("flag", CanonicalType.BOOLEAN, true, false),
            Field.of("small", CanonicalType.INT16, true, false),
            Field.of("medium", CanonicalType.INT32, true, false),
            Field.of("big", CanonicalType.INT64, true, false),
            Field.of("amount", CanonicalType.decimal(38, 9), true, false),
            Field.of("any_number", CanonicalType.Decimal.UNBOUNDED, true, false),
            Field.of("ratio", CanonicalType.FLOAT32, true, false),
            Field.of("measure", CanonicalType.FLOAT64, true, false),
            Field.of("label", CanonicalType.STRING, true, false),
            Field.of("payload", CanonicalType.BYTES, true, false),
            Field.of("day", CanonicalType.DATE, true, false),
            Field.of("clock", CanonicalType.TIME, true, false),
            Field.of("local_time", CanonicalType.TIMESTAMP, true, false),
            Field.of("instant", CanonicalType.TIMESTAMPTZ, true, false),
            Field.of("doc", CanonicalType.JSON, true, false),
            Field.of("ident", CanonicalType.UUID, true, false),
            Field.of("tags", CanonicalType.arrayOf(CanonicalType.STRING), true, false),
            Field.of("counts", CanonicalType.arrayOf(CanonicalType.INT32), true, false),
            Field.of("days", CanonicalType.arrayOf(CanonicalType.DATE), true, false),
            Field.of("instants", CanonicalType.arrayOf(CanonicalType.TIMESTAMPTZ), true, false));

    public static final List<Row> ROWS = List.of(
            new Row(1L, true, (short) -32768, Integer.MAX_VALUE, Long.MIN_VALUE,
                    new BigDecimal("12345678901234567890.123456789"), new BigDecimal("-98765432109876543210987654321.000000000000001"),
                    1.5f, Math.PI,
                    "héllo 世界 🌊 \"quoted\", comma\nnew line\r\n\\backslash\ttab",
                    new byte[] {0, 1, 2, (byte) 0xff, '"', ',', '\n'},
                    LocalDate.of(1999, 12, 31), LocalTime.of(23, 59, 59, 999_999_000), LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000),
                    OffsetDateTime.parse("2024-06-01T08:00:00.123456+05:30").toInstant(),
                    "{\"a\": [1, 2.5, null], \"b\": \"ü \\\"q\\\"\", \"c\": {\"d\": true}}",
                    UUID.fromString("3f1c8a52-6a0e-4c4e-9a64-0b1d2e3f4a5b"),
                    Arrays.asList("x", "y,\"z\"}", "", null, "{braces}", "back\\slash", "NULL"),
                    List.of(1, -2, 3),
                    List.of(LocalDate.of(2020, 1, 1), LocalDate.of(2021, 12, 31)),
                    List.of(OffsetDateTime.parse("2023-03-26T01:30:00-08:00").toInstant(), Instant.parse("2023-10-29T00:59:59.999999Z"))),
            new Row(2L, false, (short) 0, 0, 0L, new BigDecimal("-0.000000001"), new BigDecimal("0"),
                    Float.NEGATIVE_INFINITY, Double.NaN, "", new byte[0],
                    LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(1970, 1, 1, 0, 0), Instant.EPOCH,
                    "[]", new UUID(0, 0), List.of(), List.of(), List.of(), List.of()),
            new Row(3L, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));

    /** The rows with only the values of the kept fields. */
    public static List<Row> project(List<Field> kept, List<Row> rows) {
        List<Integer> indexes = kept.stream().map(FIELDS::indexOf).toList();
        return rows.stream().map(row -> new Row(indexes.stream().map(row::get).toArray())).toList();
    }

    /** Asserts the rows are equal: JSON compared as documents (a database may reorder keys or respace them), decimals as numbers. */
    public static void assertSameRows(List<Field> fields, List<Row> actual, List<Row> expected) {
        assertThat(actual.stream().map(row -> comparable(fields, row)).toList())
                .isEqualTo(expected.stream().map(row -> comparable(fields, row)).toList());
    }

    private static Row comparable(List<Field> fields, Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = row.get(i);
            CanonicalType type = fields.get(i).type();
            values[i] = switch (value) {
                case String json when type instanceof CanonicalType.Json -> parse(json);
                // 1.5 and 1.500000000 are the same number; a numeric(38,9) column returns the latter.
                case BigDecimal number -> number.stripTrailingZeros();
                case null, default -> value;
            };
        }
        return new Row(values);
    }

    private static Object parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
