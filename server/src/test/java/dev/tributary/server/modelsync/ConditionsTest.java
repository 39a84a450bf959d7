package dev.tributary.server.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.modelsync.Filter;
import dev.tributary.protocol.modelsync.Override;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final List<Field> FIELDS = List.of(Field.of("id", CanonicalType.INT64, false, true),
            Field.of("email", CanonicalType.STRING, true, false), Field.of("amount", CanonicalType.parse("decimal(10,2)"), true, false),
            Field.of("signed_up", CanonicalType.DATE, true, false), Field.of("active", CanonicalType.BOOLEAN, true, false));
    private static final List<Row> ROWS = List.of(
            new Row(1L, "ada@acme.com", new BigDecimal("10.00"), LocalDate.parse("2026-01-05"), true),
            new Row(2L, "grace@navy.mil", new BigDecimal("250.50"), LocalDate.parse("2026-03-01"), false),
            new Row(3L, null, new BigDecimal("10"), null, true),
            new Row(4L, "alan@acme.com", null, LocalDate.parse("2025-12-31"), null));

    @Test
    void eachFunctionKeepsTheRecordsItShould() {
        assertThat(kept(List.of(filter("amount", "Equality", "10")))).as("decimals compare by value").containsExactly(1L, 3L);
        assertThat(kept(List.of(filter("id", "Inequality", 2)))).containsExactly(1L, 3L, 4L);
        assertThat(kept(List.of(filter("amount", "GreaterThan", "10")))).containsExactly(2L);
        assertThat(kept(List.of(filter("amount", "greater_than_equal", 10)))).containsExactly(1L, 2L, 3L);
        assertThat(kept(List.of(filter("id", "LessThan", 3)))).containsExactly(1L, 2L);
        assertThat(kept(List.of(filter("id", "LessThanEqual", 3)))).containsExactly(1L, 2L, 3L);
        assertThat(kept(List.of(filter("signed_up", "OnOrAfter", "2026-01-05")))).containsExactly(1L, 2L);
        assertThat(kept(List.of(filter("signed_up", "OnOrBefore", "2026-01-05")))).containsExactly(1L, 4L);
        assertThat(kept(List.of(filter("signed_up", "Between", List.of("2026-01-01", "2026-01-31"))))).containsExactly(1L);
        assertThat(kept(List.of(filter("email", "IsNull", null)))).containsExactly(3L);
        assertThat(kept(List.of(filter("signed_up", "IsNotNull", null)))).containsExactly(1L, 2L, 4L);
        assertThat(kept(List.of(filter("email", "StringContains", "@acme.")))).containsExactly(1L, 4L);
        assertThat(kept(List.of(filter("id", "StringOneOf", List.of(2, "4"))))).containsExactly(2L, 4L);
        assertThat(kept(List.of(filter("active", "Equality", "true")))).containsExactly(1L, 3L);
    }

    @Test
    void filterLogicCombinesFiltersByNumber() {
        List<Filter> filters = List.of(filter("email", "StringContains", "acme"), filter("active", "Equality", true),
                filter("amount", "IsNull", null));

        assertThat(kept(filters, null)).as("all of them by default").isEmpty();
        assertThat(kept(filters, "1 AND (2 OR 3)")).containsExactly(1L, 4L);
        assertThat(kept(filters, "1 and not 2 or 3")).containsExactly(4L);
        assertThat(kept(filters, "(1 OR 2) AND NOT (3)")).containsExactly(1L, 3L);
    }

    @Test
    void badFilterLogicIsExplained() {
        List<Filter> filters = List.of(filter("id", "IsNotNull", null), filter("email", "IsNotNull", null), filter("amount", "IsNull", null));

        assertThat(logicProblem(filters, "1 AND (2 OR 3")).contains("a parenthesis is not closed", "such as 1 AND (2 OR 3)");
        assertThat(logicProblem(filters, "1 AND 4 OR 2 OR 3")).contains("there is no filter 4");
        assertThat(logicProblem(filters, "1 AND 2")).contains("filter 3 is not used");
        assertThat(logicProblem(filters, "1 XOR 2 OR 3")).contains("unexpected 'XOR'");
        assertThat(logicProblem(filters, "1 AND OR 2")).contains("unexpected 'OR'");
        assertThat(logicProblem(filters, "1 AND 2 OR 3 AND")).contains("it ends where a filter number was expected");
    }

    @Test
    void badFiltersNameTheFieldAndTheFix() {
        List<FieldError> errors = new ArrayList<>();

        assertThat(Conditions.filter(FIELDS, List.of(filter("nope", "Equality", 1), filter("id", "Resembles", 1),
                filter("id", "Equality", "one"), filter("active", "GreaterThan", true), filter("id", "Between", List.of(1)),
                filter("id", "StringContains", "1")), null, errors)).isEmpty();

        assertThat(errors).extracting(FieldError::field).containsExactly("filters[0].field", "filters[1].function", "filters[2].value",
                "filters[3].function", "filters[4].value", "filters[5].function");
        assertThat(errors.get(0).message()).contains("its fields are id, email, amount, signed_up, active");
        assertThat(errors.get(1).message()).contains("Equality", "StringOneOf", "Between");
        assertThat(errors.get(2).message()).isEqualTo("'one' is not a int64 value.");
        assertThat(errors.get(4).message()).contains("[from, to]");
    }

    @Test
    void overridesReplaceAValueWhenTheirConditionHolds() {
        List<FieldError> errors = new ArrayList<>();
        UnaryOperator<Row> overrides = Conditions.overrides(FIELDS, List.of(new Override("email", "IsNull", null, "unknown@acme.com"),
                new Override("amount", "GreaterThan", "100", "100")), errors).orElseThrow();

        assertThat(errors).isEmpty();
        assertThat(ROWS.stream().map(overrides).map(row -> row.get(1) + " " + row.get(2)).toList())
                .containsExactly("ada@acme.com 10.00", "grace@navy.mil 100", "unknown@acme.com 10", "alan@acme.com null");
        assertThat(overrides.apply(ROWS.get(0))).as("untouched records are the same record").isSameAs(ROWS.get(0));

        List<FieldError> bad = new ArrayList<>();
        assertThat(Conditions.overrides(FIELDS, List.of(new Override("id", "Equality", 1, "x")), bad)).isEmpty();
        assertThat(bad).extracting(FieldError::field).containsExactly("overrides[0].override");
    }

    private static Filter filter(String field, String function, Object value) {
        return new Filter(field, function, value);
    }

    private static List<Long> kept(List<Filter> filters) {
        return kept(filters, null);
    }

    private static List<Long> kept(List<Filter> filters, String logic) {
        List<FieldError> errors = new ArrayList<>();
        Predicate<Row> keep = Conditions.filter(FIELDS, filters, logic, errors).orElseThrow(() -> new AssertionError(errors.toString()));
        return ROWS.stream().filter(keep).map(row -> (Long) row.get(0)).toList();
    }

    private static String logicProblem(List<Filter> filters, String logic) {
        List<FieldError> errors = new ArrayList<>();
        assertThat(Conditions.filter(FIELDS, filters, logic, errors)).isEmpty();
        assertThat(errors).singleElement().extracting(FieldError::field).isEqualTo("filter_logic");
        return errors.getFirst().message();
    }
}
