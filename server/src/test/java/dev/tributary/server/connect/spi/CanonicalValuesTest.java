package dev.tributary.server.connect.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalValuesTest {

    @Test
    void decimalsThatDoNotFitArePointedOutNotRounded() {
        CanonicalType type = CanonicalType.decimal(10, 2);

        assertThat(CanonicalValues.problem(type, new BigDecimal("12345678.99"))).isEmpty();
        assertThat(CanonicalValues.problem(type, new BigDecimal("1.50000"))).isEmpty();
        assertThat(CanonicalValues.problem(type, new BigDecimal("123456789"))).contains(
                "has 9 digits before the decimal point; decimal(10,2) keeps at most 8");
        assertThat(CanonicalValues.problem(type, new BigDecimal("0.125"))).contains(
                "has 3 digits after the decimal point; decimal(10,2) keeps at most 2");
        assertThat(CanonicalValues.problem(CanonicalType.Decimal.UNBOUNDED, new BigDecimal("12345678901234567890.123456789"))).isEmpty();
    }

    @Test
    void valuesOfTheWrongClassAndBadArrayItemsAreNamed() {
        assertThat(CanonicalValues.problem(CanonicalType.INT32, "12")).contains("is a String, not a int32 value");
        assertThat(CanonicalValues.problem(CanonicalType.arrayOf(CanonicalType.INT32), Arrays.asList(1, null, "3")))
                .contains("item 2 is a String, not a int32 value");
        assertThat(CanonicalValues.problem(CanonicalType.STRING, null)).isEmpty();
    }

    @Test
    void valuesConvertOnlyWhereNothingIsLost() {
        assertThat(CanonicalValues.widen(CanonicalType.INT16, CanonicalType.INT32, (short) -7)).isEqualTo(-7);
        assertThat(CanonicalValues.widen(CanonicalType.INT32, CanonicalType.INT64, 2_000_000_000)).isEqualTo(2_000_000_000L);
        assertThat(CanonicalValues.widen(CanonicalType.INT64, CanonicalType.decimal(20, 0), Long.MAX_VALUE))
                .isEqualTo(new BigDecimal(Long.MAX_VALUE));
        assertThat(CanonicalValues.widen(CanonicalType.FLOAT32, CanonicalType.FLOAT64, 0.1f)).isEqualTo((double) 0.1f);
        assertThat(CanonicalValues.widen(CanonicalType.INT64, CanonicalType.FLOAT64, 1L << 53)).isEqualTo(9007199254740992.0);
        assertThat(CanonicalValues.widen(CanonicalType.DATE, CanonicalType.TIMESTAMP, LocalDate.of(2024, 2, 29)))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(CanonicalValues.widen(CanonicalType.UUID, CanonicalType.STRING, new UUID(0, 1))).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(CanonicalValues.widen(CanonicalType.decimal(5, 2), CanonicalType.STRING, new BigDecimal("1.50"))).isEqualTo("1.50");

        assertThat(CanonicalValues.widen(CanonicalType.INT64, CanonicalType.INT32, 5L)).isEqualTo(5);
        assertThat(CanonicalValues.widen(CanonicalType.INT32, CanonicalType.INT16, -32768)).isEqualTo((short) -32768);
        assertThat(CanonicalValues.widen(CanonicalType.INT64, CanonicalType.INT32, 3_000_000_000L)).as("left to the writer to refuse")
                .isEqualTo(3_000_000_000L);
        assertThat(CanonicalValues.widen(CanonicalType.INT32, CanonicalType.INT16, 32768)).isEqualTo(32768);
        assertThat(CanonicalValues.widen(CanonicalType.INT64, CanonicalType.FLOAT64, (1L << 53) + 1)).isEqualTo((1L << 53) + 1);
        assertThat(CanonicalValues.widen(CanonicalType.STRING, CanonicalType.INT64, "12")).isEqualTo("12");
        assertThat(CanonicalValues.widen(CanonicalType.INT32, CanonicalType.INT64, null)).isNull();
    }

    @Test
    void scalarValuesSurviveTheirCheckpointText() {
        Map<CanonicalType, Object> values = Map.ofEntries(
                Map.entry(CanonicalType.BOOLEAN, true),
                Map.entry(CanonicalType.INT16, (short) -7),
                Map.entry(CanonicalType.INT32, 42),
                Map.entry(CanonicalType.INT64, Long.MAX_VALUE),
                Map.entry(CanonicalType.decimal(38, 9), new BigDecimal("12345678901234567890.123456789")),
                Map.entry(CanonicalType.FLOAT32, 0.1f),
                Map.entry(CanonicalType.FLOAT64, 0.1),
                Map.entry(CanonicalType.STRING, "héllo, \"world\""),
                Map.entry(CanonicalType.DATE, LocalDate.of(2024, 2, 29)),
                Map.entry(CanonicalType.TIME, LocalTime.of(1, 2, 3, 456_789_000)),
                Map.entry(CanonicalType.TIMESTAMP, LocalDateTime.of(2024, 2, 29, 1, 2, 3, 456_789_000)),
                Map.entry(CanonicalType.TIMESTAMPTZ, Instant.parse("2024-02-29T01:02:03.456789Z")),
                Map.entry(CanonicalType.UUID, UUID.randomUUID()));

        values.forEach((type, value) -> assertThat(CanonicalValues.parse(type, CanonicalValues.format(type, value)))
                .as(type.displayName()).isEqualTo(value));
        assertThat((byte[]) CanonicalValues.parse(CanonicalType.BYTES, CanonicalValues.format(CanonicalType.BYTES, new byte[] {0, -1})))
                .containsExactly(0, -1);
    }

    @Test
    void typesNameThemselves() {
        assertThat(List.of(CanonicalType.decimal(38, 9), CanonicalType.Decimal.UNBOUNDED, CanonicalType.arrayOf(CanonicalType.TIMESTAMPTZ)))
                .extracting(CanonicalType::displayName).containsExactly("decimal(38,9)", "decimal", "array<timestamptz>");
    }
}
