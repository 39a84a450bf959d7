package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One setting of a connector, declared once: the declaration drives validation, the JSON Schema and the forms.
 * Build with the static factories and refine with the {@code with}/{@code as} copies.
 *
 * @param name the key in the configuration, such as {@code host}
 * @param type the kind of value
 * @param required whether a value must be given (a default counts as given)
 * @param sensitive a secret such as a password: masked in schemas' consumers, logs and errors, stored encrypted
 * @param defaultValue the value used when none is given
 * @param description one sentence for forms and docs
 * @param options the accepted values of an {@link Type#ENUM} field
 * @param min the smallest accepted {@link Type#INTEGER}
 * @param max the largest accepted {@link Type#INTEGER}
 * @param pattern a regular expression a {@link Type#STRING} must match
 * @param patternHint what a matching string looks like, in words, for the error message
 */
public record ConfigField(
        String name,
        Type type,
        boolean required,
        boolean sensitive,
        Optional<Object> defaultValue,
        String description,
        List<String> options,
        Optional<Long> min,
        Optional<Long> max,
        Optional<Pattern> pattern,
        String patternHint) {

    public enum Type { STRING, INTEGER, BOOLEAN, ENUM }

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        options = List.copyOf(options);
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(patternHint, "patternHint");
        if (type == Type.ENUM && options.isEmpty()) {
            throw new IllegalArgumentException("enum field " + name + " declares no options");
        }
    }

    public static ConfigField string(String name, String description) {
        return new ConfigField(name, Type.STRING, false, false, Optional.empty(), description, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    public static ConfigField integer(String name, String description, long min, long max) {
        return new ConfigField(name, Type.INTEGER, false, false, Optional.empty(), description, List.of(),
                Optional.of(min), Optional.of(max), Optional.empty(), "");
    }

    public static ConfigField bool(String name, String description) {
        return new ConfigField(name, Type.BOOLEAN, false, false, Optional.empty(), description, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    public static ConfigField oneOf(String name, String description, List<String> options) {
        return new ConfigField(name, Type.ENUM, false, false, Optional.empty(), description, options,
                Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    public ConfigField asRequired() {
        return new ConfigField(name, type, true, sensitive, defaultValue, description, options, min, max, pattern, patternHint);
    }

    public ConfigField asSensitive() {
        return new ConfigField(name, type, required, true, defaultValue, description, options, min, max, pattern, patternHint);
    }

    public ConfigField withDefault(Object value) {
        return new ConfigField(name, type, required, sensitive, Optional.of(value), description, options, min, max, pattern, patternHint);
    }

    /** Strings must match {@code regex} entirely; {@code hint} says what such a string looks like. */
    public ConfigField matching(String regex, String hint) {
        return new ConfigField(name, type, required, sensitive, defaultValue, description, options, min, max,
                Optional.of(Pattern.compile(regex)), hint);
    }
}
