package dev.tributary.server.connect.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.connect.spi.CanonicalType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Guesses a field's type from sample values: the first of boolean, integer, decimal, date, timestamp with zone,
 * timestamp, JSON and string that every value sampled fits. Fields with no value in the sample are strings.
 */
final class Inference {

    private static final List<CanonicalType> PREFERENCE = List.of(CanonicalType.BOOLEAN, CanonicalType.INT64, CanonicalType.Decimal.UNBOUNDED,
            CanonicalType.DATE, CanonicalType.TIMESTAMPTZ, CanonicalType.TIMESTAMP, CanonicalType.JSON, CanonicalType.STRING);
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)");

    private final List<CanonicalType> possible = new ArrayList<>(PREFERENCE);
    private boolean sampled;
    private CanonicalType declared;
    private boolean declaredNullable;

    /** The type a file itself gives the field, which wins over any guess; the field may be empty if any file says so. */
    void declare(CanonicalType type, boolean nullable) {
        declaredNullable = declared == null ? nullable : declaredNullable || nullable;
        declared = type;
    }

    /** Guessed fields may always be empty; declared ones only where a file says so. */
    boolean nullable() {
        return declared == null || declaredNullable;
    }

    /** Narrows the guess by a CSV field's text; no value says nothing of the type. */
    void observeText(String text) {
        if (text != null && !text.isEmpty()) {
            sampled = true;
            possible.retainAll(textTypes(text.strip()));
        }
    }

    /** Narrows the guess by a JSON value. */
    void observeJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        sampled = true;
        List<CanonicalType> fits;
        if (node.isBoolean()) {
            fits = List.of(CanonicalType.BOOLEAN, CanonicalType.STRING);
        } else if (node.isIntegralNumber()) {
            fits = List.of(CanonicalType.INT64, CanonicalType.Decimal.UNBOUNDED, CanonicalType.STRING);
        } else if (node.isNumber()) {
            fits = List.of(CanonicalType.Decimal.UNBOUNDED, CanonicalType.STRING);
        } else if (node.isTextual()) {
            fits = textTypes(node.textValue()).stream().filter(type -> !isNumberOrBoolean(type)).toList();
        } else {
            fits = List.of(CanonicalType.JSON);
        }
        possible.retainAll(fits);
    }

    CanonicalType type() {
        if (declared != null) {
            return declared;
        }
        return sampled && !possible.isEmpty() ? possible.getFirst() : CanonicalType.STRING;
    }

    private static boolean isNumberOrBoolean(CanonicalType type) {
        return type == CanonicalType.BOOLEAN || type == CanonicalType.INT64 || type instanceof CanonicalType.Decimal;
    }

    private static List<CanonicalType> textTypes(String text) {
        List<CanonicalType> fits = new ArrayList<>();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            fits.add(CanonicalType.BOOLEAN);
        }
        if (INTEGER.matcher(text).matches()) {
            fits.add(CanonicalType.INT64);
        }
        if (DECIMAL.matcher(text).matches()) {
            fits.add(CanonicalType.Decimal.UNBOUNDED);
        }
        if (parses(() -> LocalDate.parse(text))) {
            fits.add(CanonicalType.DATE);
        }
        String unspaced = TextValues.unspaced(text);
        if (parses(() -> OffsetDateTime.parse(unspaced))) {
            fits.add(CanonicalType.TIMESTAMPTZ);
        }
        if (parses(() -> LocalDateTime.parse(unspaced))) {
            fits.add(CanonicalType.TIMESTAMP);
        }
        fits.add(CanonicalType.STRING);
        return fits;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
