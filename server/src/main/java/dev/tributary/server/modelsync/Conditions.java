package dev.tributary.server.modelsync;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.modelsync.Filter;
import dev.tributary.protocol.modelsync.Override;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Filters and overrides of a model sync, checked against the model's fields once and then applied to every record.
 * Values in the request are read as the field's type, so "42" compares as a number and "2026-01-31" as a date.
 */
public final class Conditions {

    private Conditions() {}

    /** The condition functions, named as the Polytomic API names them. */
    enum Function {
        EQUALITY, INEQUALITY, GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL, ON_OR_AFTER, ON_OR_BEFORE, BETWEEN,
        IS_NULL, IS_NOT_NULL, STRING_CONTAINS, STRING_ONE_OF;

        /** {@code GreaterThanEqual}, as the API writes it. */
        String apiName() {
            return Arrays.stream(name().split("_")).map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining());
        }

        static Optional<Function> named(String name) {
            String wanted = name == null ? "" : name.replace("_", "").toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(function -> function.apiName().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
        }

        boolean ordered() {
            return switch (this) {
                case GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL, ON_OR_AFTER, ON_OR_BEFORE, BETWEEN -> true;
                default -> false;
            };
        }

        boolean takesNoValue() {
            return this == IS_NULL || this == IS_NOT_NULL;
        }
    }

    /** One field's test, compiled. */
    private record Condition(int index, Predicate<Object> test) {
        boolean holds(Row row) {
            return test.test(row.get(index));
        }
    }

    /** The records to keep: every filter checked, combined by {@code logic}; problems are added to {@code errors}. */
    public static Optional<Predicate<Row>> filter(List<Field> fields, List<Filter> filters, String logic, List<FieldError> errors) {
        int before = errors.size();
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Filter filter = filters.get(i);
            condition(fields, "filters[" + i + "]", filter.field(), filter.function(), filter.value(), errors).ifPresent(conditions::add);
        }
        FilterLogic.Parsed parsed = FilterLogic.parse(logic, filters.size());
        parsed.problem().ifPresent(problem -> errors.add(new FieldError("filter_logic", problem)));
        if (errors.size() > before) {
            return Optional.empty();
        }
        FilterLogic combined = parsed.logic().orElseThrow();
        return Optional.of(row -> {
            boolean[] passed = new boolean[conditions.size()];
            for (int i = 0; i < passed.length; i++) {
                passed[i] = conditions.get(i).holds(row);
            }
            return combined.test(passed);
        });
    }

    /** The overrides as one step on each record; problems are added to {@code errors}. */
    public static Optional<UnaryOperator<Row>> overrides(List<Field> fields, List<Override> overrides, List<FieldError> errors) {
        int before = errors.size();
        List<Condition> conditions = new ArrayList<>();
        List<Object> replacements = new ArrayList<>();
        for (int i = 0; i < overrides.size(); i++) {
            Override override = overrides.get(i);
            String at = "overrides[" + i + "]";
            Optional<Condition> condition = condition(fields, at, override.field(), override.function(), override.value(), errors);
            if (condition.isPresent()) {
                CanonicalType type = fields.get(condition.get().index()).type();
                value(type, override.override(), at + ".override", errors).ifPresent(replacement -> {
                    conditions.add(condition.get());
                    replacements.add(replacement);
                });
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(row -> {
            Object[] values = null;
            for (int i = 0; i < conditions.size(); i++) {
                Condition condition = conditions.get(i);
                if (condition.holds(row)) {
                    values = values == null ? copy(row) : values;
                    values[condition.index()] = replacements.get(i);
                }
            }
            return values == null ? row : new Row(values);
        });
    }

    private static Object[] copy(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    private static Optional<Condition> condition(List<Field> fields, String at, String fieldName, String functionName, Object value,
            List<FieldError> errors) {
        int index = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                index = i;
            }
        }
        if (index < 0) {
            errors.add(new FieldError(at + ".field", "'" + fieldName + "' is not a field of the model; its fields are "
                    + fields.stream().map(Field::name).collect(Collectors.joining(", ")) + "."));
            return Optional.empty();
        }
        Optional<Function> function = Function.named(functionName);
        if (function.isEmpty()) {
            errors.add(new FieldError(at + ".function", "'" + functionName + "' is not a filter function; use one of "
                    + Arrays.stream(Function.values()).map(Function::apiName).collect(Collectors.joining(", ")) + "."));
            return Optional.empty();
        }
        CanonicalType type = fields.get(index).type();
        Optional<Predicate<Object>> test = test(function.get(), type, value, at, errors);
        int field = index;
        return test.map(predicate -> new Condition(field, predicate));
    }

    private static Optional<Predicate<Object>> test(Function function, CanonicalType type, Object value, String at, List<FieldError> errors) {
        boolean text = type instanceof CanonicalType.StringType;
        boolean comparable = !(type instanceof CanonicalType.Json || type instanceof CanonicalType.Bytes || type instanceof CanonicalType.Array
                || type instanceof CanonicalType.BooleanType);
        if ((function.ordered() && !comparable) || ((function == Function.STRING_CONTAINS) && !text)) {
            errors.add(new FieldError(at + ".function", function.apiName() + " does not apply to a " + type.displayName() + " field."));
            return Optional.empty();
        }
        return switch (function) {
            case IS_NULL -> Optional.of(Objects::isNull);
            case IS_NOT_NULL -> Optional.of(Objects::nonNull);
            case STRING_CONTAINS -> Optional.ofNullable(value).map(String::valueOf)
                    .<Predicate<Object>>map(part -> actual -> actual != null && actual.toString().contains(part))
                    .or(() -> missing(at, "the text to look for", errors));
            case STRING_ONE_OF -> list(value, 0, at, "a list of values", errors)
                    .flatMap(items -> all(type, items, at, errors))
                    .map(options -> actual -> actual != null && options.stream().anyMatch(option -> same(option, actual)));
            case BETWEEN -> list(value, 2, at, "a list of two values, [from, to], both included", errors)
                    .flatMap(items -> all(type, items, at, errors))
                    .map(bounds -> actual -> actual != null && compare(actual, bounds.get(0)) >= 0 && compare(actual, bounds.get(1)) <= 0);
            default -> value(type, value, at + ".value", errors).map(expected -> actual -> actual != null && switch (function) {
                case EQUALITY -> same(expected, actual);
                case INEQUALITY -> !same(expected, actual);
                case GREATER_THAN -> compare(actual, expected) > 0;
                case GREATER_THAN_EQUAL, ON_OR_AFTER -> compare(actual, expected) >= 0;
                case LESS_THAN -> compare(actual, expected) < 0;
                default -> compare(actual, expected) <= 0;
            });
        };
    }

    private static Optional<Predicate<Object>> missing(String at, String what, List<FieldError> errors) {
        errors.add(new FieldError(at + ".value", "is required: " + what + "."));
        return Optional.empty();
    }

    private static Optional<List<?>> list(Object value, int size, String at, String what, List<FieldError> errors) {
        if (value instanceof List<?> items && !items.isEmpty() && (size == 0 || items.size() == size)) {
            return Optional.of(items);
        }
        errors.add(new FieldError(at + ".value", "must be " + what + "."));
        return Optional.empty();
    }

    private static Optional<List<Object>> all(CanonicalType type, List<?> items, String at, List<FieldError> errors) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Optional<Object> item = value(type, items.get(i), at + ".value[" + i + "]", errors);
            if (item.isEmpty()) {
                return Optional.empty();
            }
            values.add(item.get());
        }
        return Optional.of(values);
    }

    /** A request value read as the field's type. */
    private static Optional<Object> value(CanonicalType type, Object value, String at, List<FieldError> errors) {
        if (value == null || value instanceof List<?> || value instanceof java.util.Map<?, ?>) {
            errors.add(new FieldError(at, "must be a single " + type.displayName() + " value."));
            return Optional.empty();
        }
        try {
            return Optional.of(CanonicalValues.parse(type, String.valueOf(value)));
        } catch (RuntimeException e) {
            errors.add(new FieldError(at, "'" + value + "' is not a " + type.displayName() + " value."));
            return Optional.empty();
        }
    }

    private static boolean same(Object expected, Object actual) {
        return expected instanceof BigDecimal decimal && actual instanceof BigDecimal other ? decimal.compareTo(other) == 0 : expected.equals(actual);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object actual, Object expected) {
        return ((Comparable) actual).compareTo(expected);
    }
}
