package dev.tributary.server.connect.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.CanonicalValues;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/** Canonical values as the text of a CSV field: scalars as {@link CanonicalValues#format} writes them, arrays as JSON. */
public final class TextValues {

    /** A date and a time separated by a space, as many tools write timestamps; read as if by a {@code T}. */
    private static final Pattern SPACED = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:.*)");

    private TextValues() {}

    public static String format(CanonicalType type, Object value) {
        return switch (value) {
            case null -> null;
            case String json when type instanceof CanonicalType.Json -> json;
            default -> type instanceof CanonicalType.Array ? json(type, value) : CanonicalValues.format(type, value);
        };
    }

    private static String json(CanonicalType type, Object value) {
        try {
            return JsonValues.MAPPER.writeValueAsString(JsonValues.toJson(type, value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a value of the type */
    static Object parse(CanonicalType type, String text) {
        if (text == null) {
            return null;
        }
        try {
            return switch (type) {
                case CanonicalType.BooleanType ignored when text.equalsIgnoreCase("true") -> true;
                case CanonicalType.BooleanType ignored when text.equalsIgnoreCase("false") -> false;
                case CanonicalType.BooleanType ignored -> throw new IllegalArgumentException("is not true or false");
                case CanonicalType.Json ignored -> text;
                case CanonicalType.Array ignored -> JsonValues.fromJson(type, JsonValues.MAPPER.readTree(text));
                case CanonicalType.Timestamp ignored -> LocalDateTime.parse(unspaced(text));
                case CanonicalType.TimestampTz ignored -> OffsetDateTime.parse(unspaced(text)).toInstant();
                default -> CanonicalValues.parse(type, text.strip());
            };
        } catch (RuntimeException | JsonProcessingException e) {
            // The value itself stays out of the message: it may be personal data.
            throw new IllegalArgumentException("is not a " + type.displayName() + " value", e);
        }
    }

    static String unspaced(String text) {
        var spaced = SPACED.matcher(text.strip());
        return spaced.matches() ? spaced.group(1) + "T" + spaced.group(2) : text.strip();
    }
}
