package dev.tributary.server.connect.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Canonical values as JSON, for connectors that send or store records as JSON documents: numbers and booleans as
 * themselves (decimals without exponent or rounding), JSON documents embedded, arrays as arrays, and everything else as
 * the text {@link CanonicalValues#format} writes. Floats that JSON cannot hold ({@code NaN}, infinities) are strings.
 */
public final class JsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Reads floating-point numbers as {@link BigDecimal} with their scale, so a decimal keeps every digit, trailing zeros too. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(NODES)
            .build();

    private JsonValues() {}

    /** One record as a JSON object keyed by field name. */
    public static ObjectNode toJson(List<Field> fields, Row row) {
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < fields.size(); i++) {
            object.set(fields.get(i).name(), toJson(fields.get(i).type(), row.get(i)));
        }
        return object;
    }

    /** @throws IllegalArgumentException when a JSON field holds text that is not a JSON document */
    public static JsonNode toJson(CanonicalType type, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (type) {
            case CanonicalType.BooleanType ignored -> NODES.booleanNode((Boolean) value);
            case CanonicalType.Int16 ignored -> NODES.numberNode((Short) value);
            case CanonicalType.Int32 ignored -> NODES.numberNode((Integer) value);
            case CanonicalType.Int64 ignored -> NODES.numberNode((Long) value);
            case CanonicalType.Decimal ignored -> NODES.numberNode((BigDecimal) value);
            case CanonicalType.Float32 ignored -> Float.isFinite((Float) value) ? NODES.numberNode((Float) value) : NODES.textNode(value.toString());
            case CanonicalType.Float64 ignored -> Double.isFinite((Double) value) ? NODES.numberNode((Double) value) : NODES.textNode(value.toString());
            case CanonicalType.Json ignored -> parse((String) value);
            case CanonicalType.Array array -> {
                ArrayNode items = NODES.arrayNode();
                ((List<?>) value).forEach(item -> items.add(toJson(array.element(), item)));
                yield items;
            }
            default -> NODES.textNode(CanonicalValues.format(type, value));
        };
    }

    /** @throws IllegalArgumentException when the node does not hold a value of the type */
    public static Object fromJson(CanonicalType type, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return switch (type) {
            case CanonicalType.BooleanType ignored when node.isBoolean() -> node.booleanValue();
            case CanonicalType.Int16 ignored when node.canConvertToInt() && node.isIntegralNumber() -> (short) node.intValue();
            case CanonicalType.Int32 ignored when node.canConvertToInt() && node.isIntegralNumber() -> node.intValue();
            case CanonicalType.Int64 ignored when node.canConvertToLong() && node.isIntegralNumber() -> node.longValue();
            case CanonicalType.Decimal ignored when node.isNumber() -> node.decimalValue();
            case CanonicalType.Float32 ignored when node.isNumber() -> node.floatValue();
            case CanonicalType.Float64 ignored when node.isNumber() -> node.doubleValue();
            case CanonicalType.BooleanType ignored -> throw new IllegalArgumentException("is not true or false");
            case CanonicalType.Json ignored -> node.toString();
            case CanonicalType.Array array when node.isArray() -> {
                List<Object> items = new ArrayList<>();
                node.forEach(item -> items.add(fromJson(array.element(), item)));
                yield Collections.unmodifiableList(items);
            }
            case CanonicalType.Array ignored -> throw new IllegalArgumentException("is not a JSON array");
            default -> {
                if (!node.isValueNode()) {
                    throw new IllegalArgumentException("is a JSON " + node.getNodeType().name().toLowerCase() + ", not a " + type.displayName() + " value");
                }
                try {
                    yield CanonicalValues.parse(type, node.asText());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("is not a " + type.displayName() + " value", e);
                }
            }
        };
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not a valid JSON document");
        }
    }
}
