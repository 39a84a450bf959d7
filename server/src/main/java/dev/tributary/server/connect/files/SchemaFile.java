package dev.tributary.server.connect.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of an object written by this connector, kept beside its files as {@code _schema.json} and in each run's
 * manifest, so that reading them back gives every value its type again instead of guessing.
 */
final class SchemaFile {

    static final String NAME = "_schema.json";

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");
    private static final Pattern ARRAY = Pattern.compile("array<(.+)>");
    private static final Map<String, CanonicalType> SCALARS = Map.ofEntries(
            Map.entry("boolean", CanonicalType.BOOLEAN), Map.entry("int16", CanonicalType.INT16), Map.entry("int32", CanonicalType.INT32),
            Map.entry("int64", CanonicalType.INT64), Map.entry("decimal", CanonicalType.Decimal.UNBOUNDED),
            Map.entry("float32", CanonicalType.FLOAT32), Map.entry("float64", CanonicalType.FLOAT64), Map.entry("string", CanonicalType.STRING),
            Map.entry("bytes", CanonicalType.BYTES), Map.entry("date", CanonicalType.DATE), Map.entry("time", CanonicalType.TIME),
            Map.entry("timestamp", CanonicalType.TIMESTAMP), Map.entry("timestamptz", CanonicalType.TIMESTAMPTZ),
            Map.entry("json", CanonicalType.JSON), Map.entry("uuid", CanonicalType.UUID));

    private SchemaFile() {}

    static ArrayNode toJson(List<Field> fields) {
        ArrayNode array = JsonValues.MAPPER.createArrayNode();
        for (Field field : fields) {
            ObjectNode node = array.addObject();
            node.put("name", field.name());
            node.put("type", field.type().displayName());
            node.put("nullable", field.nullable());
            node.put("primary_key", field.primaryKey());
        }
        return array;
    }

    static void write(OutputStream out, List<Field> fields) throws IOException {
        ObjectNode root = JsonValues.MAPPER.createObjectNode();
        root.set("fields", toJson(fields));
        JsonValues.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    /** @throws IOException when the file is not a schema this connector wrote */
    static List<Field> read(InputStream in) throws IOException {
        JsonNode root = JsonValues.MAPPER.readTree(in);
        List<Field> fields = new ArrayList<>();
        for (JsonNode node : root.path("fields")) {
            CanonicalType type = parseType(node.path("type").asText());
            if (type == null || !node.path("name").isTextual()) {
                throw new IOException("field " + node + " has no name or an unknown type");
            }
            fields.add(Field.of(node.path("name").asText(), type, node.path("nullable").asBoolean(true), node.path("primary_key").asBoolean(false)));
        }
        return fields;
    }

    /** The type a {@link CanonicalType#displayName()} names, or null. */
    static CanonicalType parseType(String name) {
        Matcher decimal = DECIMAL.matcher(name);
        if (decimal.matches()) {
            return CanonicalType.decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        Matcher array = ARRAY.matcher(name);
        if (array.matches()) {
            CanonicalType element = parseType(array.group(1));
            return element == null ? null : CanonicalType.arrayOf(element);
        }
        return SCALARS.get(name);
    }
}
