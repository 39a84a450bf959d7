package dev.tributary.server.connect.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.connect.spi.CanonicalType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    @Test
    void decimalsKeepEveryDigitAndTheirScaleWithoutExponent() throws Exception {
        String json = JsonValues.MAPPER.writeValueAsString(JsonValues.toJson(CanonicalType.decimal(30, 2), new BigDecimal("1E+3").setScale(2)));

        assertThat(json).isEqualTo("1000.00");
        assertThat(JsonValues.fromJson(CanonicalType.decimal(30, 2), JsonValues.MAPPER.readTree(json))).isEqualTo(new BigDecimal("1000.00"));
        assertThat(JsonValues.fromJson(CanonicalType.Decimal.UNBOUNDED, JsonValues.MAPPER.readTree("123456789012345678901234567890.000000001")))
                .isEqualTo(new BigDecimal("123456789012345678901234567890.000000001"));
    }

    @Test
    void floatsJsonCannotHoldTravelAsText() {
        assertThat(JsonValues.toJson(CanonicalType.FLOAT64, Double.NaN).textValue()).isEqualTo("NaN");
        assertThat(JsonValues.fromJson(CanonicalType.FLOAT32, JsonValues.toJson(CanonicalType.FLOAT32, Float.NEGATIVE_INFINITY)))
                .isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void jsonDocumentsAreEmbeddedAndReadBackAsText() throws Exception {
        assertThat(JsonValues.toJson(CanonicalType.JSON, "{\"a\": [1, \"x\"]}").path("a").get(1).textValue()).isEqualTo("x");
        assertThat(JsonValues.fromJson(CanonicalType.JSON, JsonValues.MAPPER.readTree("\"just text\""))).isEqualTo("\"just text\"");
        assertThatThrownBy(() -> JsonValues.toJson(CanonicalType.JSON, "{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("is not a valid JSON document");
    }

    @Test
    void arraysKeepTheirEmptyItemsAndValuesThatDoNotFitAreRefusedWithoutRepeatingThem() throws Exception {
        List<String> tags = Arrays.asList("a", null, "");
        assertThat(JsonValues.fromJson(CanonicalType.arrayOf(CanonicalType.STRING), JsonValues.toJson(CanonicalType.arrayOf(CanonicalType.STRING), tags)))
                .isEqualTo(tags);
        assertThatThrownBy(() -> JsonValues.fromJson(CanonicalType.INT32, JsonValues.MAPPER.readTree("\"secret-ish\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("is not a int32 value");
        assertThatThrownBy(() -> JsonValues.fromJson(CanonicalType.BOOLEAN, JsonValues.MAPPER.readTree("\"yes\"")))
                .hasMessage("is not true or false");
    }
}
