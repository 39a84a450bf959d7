package dev.tributary.server.modelsync;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A filter_logic expression such as {@code 1 AND (2 OR NOT 3)}: numbers name filters by position (from 1), combined with
 * AND, OR, NOT and parentheses; AND binds tighter than OR. Without an expression every filter must hold.
 */
public final class FilterLogic {

    private static final Pattern TOKEN = Pattern.compile("\\s*(\\d+|\\(|\\)|[A-Za-z]+|\\S)");

    private final Predicate<boolean[]> expression;

    private FilterLogic(Predicate<boolean[]> expression) {
        this.expression = expression;
    }

    /** Whether a record passes, given which filters it passes (index 0 is filter 1). */
    public boolean test(boolean[] passed) {
        return expression.test(passed);
    }

    /** All filters must hold. */
    public static FilterLogic all(int filters) {
        return new FilterLogic(passed -> {
            for (int i = 0; i < filters; i++) {
                if (!passed[i]) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Parses {@code text} for {@code filters} filters; the problem, in words, when it does not parse, names a filter that
     * does not exist, or leaves a filter out (a filter left out would be silently ignored).
     */
    public static Parsed parse(String text, int filters) {
        if (text == null || text.isBlank()) {
            return new Parsed(Optional.of(all(filters)), Optional.empty());
        }
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length() && matcher.find(at) && matcher.start() == at) {
            tokens.add(matcher.group(1).toUpperCase(Locale.ROOT));
            at = matcher.end();
        }
        Parser parser = new Parser(tokens, filters);
        try {
            Predicate<boolean[]> expression = parser.expression();
            if (parser.position < tokens.size()) {
                throw new IllegalArgumentException("unexpected '" + tokens.get(parser.position) + "'");
            }
            int unused = parser.used.nextClearBit(1);
            if (unused <= filters) {
                throw new IllegalArgumentException("filter " + unused + " is not used; name every filter, or remove it");
            }
            return new Parsed(Optional.of(new FilterLogic(expression)), Optional.empty());
        } catch (IllegalArgumentException e) {
            return new Parsed(Optional.empty(), Optional.of("'" + text.strip() + "' is not valid: " + e.getMessage()
                    + ". Write filter numbers from 1 to " + filters + " joined by AND, OR and NOT, with parentheses, such as 1 AND (2 OR 3)."));
        }
    }

    /** The logic, or why there is none. */
    public record Parsed(Optional<FilterLogic> logic, Optional<String> problem) {}

    /** Recursive descent: expression := term (OR term)*; term := factor (AND factor)*; factor := NOT factor | (expression) | number. */
    private static final class Parser {
        private final List<String> tokens;
        private final int filters;
        private final BitSet used = new BitSet();
        private int position;

        Parser(List<String> tokens, int filters) {
            this.tokens = tokens;
            this.filters = filters;
        }

        Predicate<boolean[]> expression() {
            Predicate<boolean[]> left = term();
            while (accept("OR")) {
                left = left.or(term());
            }
            return left;
        }

        private Predicate<boolean[]> term() {
            Predicate<boolean[]> left = factor();
            while (accept("AND")) {
                left = left.and(factor());
            }
            return left;
        }

        private Predicate<boolean[]> factor() {
            if (position >= tokens.size()) {
                throw new IllegalArgumentException("it ends where a filter number was expected");
            }
            if (accept("NOT")) {
                return factor().negate();
            }
            if (accept("(")) {
                Predicate<boolean[]> inner = expression();
                if (!accept(")")) {
                    throw new IllegalArgumentException("a parenthesis is not closed");
                }
                return inner;
            }
            String token = tokens.get(position++);
            if (!token.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("unexpected '" + token + "' where a filter number was expected");
            }
            int number = Integer.parseInt(token);
            if (number < 1 || number > filters) {
                throw new IllegalArgumentException("there is no filter " + number);
            }
            used.set(number);
            return passed -> passed[number - 1];
        }

        private boolean accept(String token) {
            if (position < tokens.size() && tokens.get(position).equals(token)) {
                position++;
                return true;
            }
            return false;
        }
    }
}
