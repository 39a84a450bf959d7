package dev.tributary.server.connect.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A connector's settings, declared once; from them come the JSON Schema and the validation. */
public record ConfigSpec(List<ConfigField> fields) {

    public ConfigSpec {
        fields = List.copyOf(fields);
        if (fields.stream().map(ConfigField::name).distinct().count() != fields.size()) {
            throw new IllegalArgumentException("field names must be unique");
        }
    }

    public static ConfigSpec of(ConfigField... fields) {
        return new ConfigSpec(List.of(fields));
    }

    /** The names of the secret fields, which the engine encrypts at rest and masks everywhere. */
    public List<String> sensitiveFields() {
        return fields.stream().filter(ConfigField::sensitive).map(ConfigField::name).toList();
    }

    /** A JSON Schema (draft 2020-12) of the settings, as maps and lists ready to serialize; secret fields carry {@code "sensitive": true}. */
    public Map<String, Object> jsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("type", switch (field.type()) {
                case STRING, ENUM -> "string";
                case INTEGER -> "integer";
                case BOOLEAN -> "boolean";
            });
            property.put("description", field.description());
            if (field.type() == ConfigField.Type.ENUM) {
                property.put("enum", field.options());
            }
            field.min().ifPresent(min -> property.put("minimum", min));
            field.max().ifPresent(max -> property.put("maximum", max));
            field.pattern().ifPresent(pattern -> property.put("pattern", pattern.pattern()));
            field.defaultValue().ifPresent(value -> property.put("default", value));
            if (field.sensitive()) {
                property.put("sensitive", true);
                property.put("writeOnly", true);
            }
            properties.put(field.name(), property);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", fields.stream().filter(field -> field.required() && field.defaultValue().isEmpty())
                .map(ConfigField::name).toList());
        schema.put("additionalProperties", false);
        return schema;
    }

    /** One error per invalid field, in declaration order (unknown keys last); empty when the settings are valid. */
    public List<ConfigError> validate(Map<String, ?> values) {
        List<ConfigError> errors = new ArrayList<>();
        for (ConfigField field : fields) {
            Object raw = values.get(field.name());
            if (blank(raw)) {
                if (field.required() && field.defaultValue().isEmpty()) {
                    errors.add(new ConfigError(field.name(), "is required; expected " + expected(field) + "."));
                }
                continue;
            }
            convert(field, raw).problem().ifPresent(problem -> errors.add(new ConfigError(field.name(), problem)));
        }
        values.keySet().stream()
                .filter(key -> fields.stream().noneMatch(field -> field.name().equals(key)))
                .sorted()
                .forEach(key -> errors.add(new ConfigError(key, "is not a setting of this connector; the settings are "
                        + fields.stream().map(ConfigField::name).toList() + ".")));
        return errors;
    }

    /** The typed settings, defaults filled in. */
    public ConnectorConfig bind(Map<String, ?> values) {
        List<ConfigError> errors = validate(values);
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(errors);
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            Object raw = values.get(field.name());
            if (!blank(raw)) {
                typed.put(field.name(), convert(field, raw).value().orElseThrow());
            } else {
                field.defaultValue().ifPresent(value -> typed.put(field.name(), value));
            }
        }
        return new ConnectorConfig(this, typed);
    }

    private static boolean blank(Object raw) {
        return raw == null || raw instanceof String text && text.isBlank();
    }

    private record Conversion(Optional<Object> value, Optional<String> problem) {
        static Conversion ok(Object value) {
            return new Conversion(Optional.of(value), Optional.empty());
        }

        static Conversion fail(String problem) {
            return new Conversion(Optional.empty(), Optional.of(problem));
        }
    }

    private static Conversion convert(ConfigField field, Object raw) {
        String invalid = "is not valid; expected " + expected(field) + ".";
        return switch (field.type()) {
            case STRING -> {
                if (!(raw instanceof String text)) {
                    yield Conversion.fail(invalid);
                }
                yield field.pattern().isPresent() && !field.pattern().get().matcher(text).matches()
                        ? Conversion.fail(invalid) : Conversion.ok(text);
            }
            case INTEGER -> {
                long number;
                try {
                    number = raw instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : Long.parseLong(raw.toString().trim());
                } catch (NumberFormatException e) {
                    yield Conversion.fail(invalid);
                }
                boolean inRange = field.min().map(min -> number >= min).orElse(true) && field.max().map(max -> number <= max).orElse(true);
                yield inRange ? Conversion.ok(number) : Conversion.fail(invalid);
            }
            case BOOLEAN -> switch (raw instanceof Boolean b ? b.toString() : raw.toString().trim().toLowerCase(Locale.ROOT)) {
                case "true" -> Conversion.ok(true);
                case "false" -> Conversion.ok(false);
                default -> Conversion.fail(invalid);
            };
            case ENUM -> field.options().contains(raw.toString()) ? Conversion.ok(raw.toString()) : Conversion.fail(invalid);
        };
    }

    private static String expected(ConfigField field) {
        return switch (field.type()) {
            case STRING -> field.pattern().isPresent() ? field.patternHint() : "a text value";
            case INTEGER -> "a whole number" + field.min().map(min -> " from " + min).orElse("") + field.max().map(max -> " to " + max).orElse("");
            case BOOLEAN -> "true or false";
            case ENUM -> "one of " + String.join(", ", field.options());
        };
    }
}
