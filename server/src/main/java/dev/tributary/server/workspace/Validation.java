package dev.tributary.server.workspace;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.error.TributaryException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules for workspace names, SSO domains and member emails, shared by the API, the CLI and provisioning. */
final class Validation {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final int MAX_NAME_LENGTH = 200;

    private Validation() {}

    static String trimmed(String text) {
        return text == null ? "" : text.trim();
    }

    static Optional<FieldError> name(String field, String name) {
        String trimmed = trimmed(name);
        return trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH
                ? Optional.of(new FieldError(field, "is required: give the workspace a name of 1 to " + MAX_NAME_LENGTH + " characters."))
                : Optional.empty();
    }

    /** The domain lower-cased, empty when none was given. */
    static Optional<String> normalizedDomain(Optional<String> domain) {
        return domain.map(d -> d.trim().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty());
    }

    static Optional<FieldError> domain(String field, Optional<String> normalizedDomain) {
        return normalizedDomain.filter(domain -> !DOMAIN.matcher(domain).matches())
                .map(domain -> new FieldError(field, "'" + domain + "' is not a domain name such as example.com."));
    }

    static String normalizedEmail(String email) {
        return trimmed(email).toLowerCase(Locale.ROOT);
    }

    static Optional<FieldError> email(String field, String email) {
        return EMAIL.matcher(normalizedEmail(email)).matches()
                ? Optional.empty()
                : Optional.of(new FieldError(field, "'" + trimmed(email) + "' is not an email address such as ada@example.com."));
    }

    /** Throws one 400 listing every error, if there is any. */
    static void require(List<Optional<FieldError>> checks) {
        List<FieldError> errors = checks.stream().flatMap(Optional::stream).toList();
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
    }
}
