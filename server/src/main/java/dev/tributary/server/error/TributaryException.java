package dev.tributary.server.error;

import dev.tributary.protocol.Problem.FieldError;
import java.util.List;
import java.util.Objects;

/**
 * The one exception type the server throws on purpose. Its message is written for the person who will read it:
 * what went wrong and what to do next. It reaches API clients as the problem's {@code detail}.
 */
public class TributaryException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> fieldErrors;

    public TributaryException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public TributaryException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public TributaryException(ErrorCode code, String message, List<FieldError> fieldErrors, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** A request whose fields are invalid, with one entry per field. */
    public static TributaryException invalid(List<FieldError> fieldErrors) {
        String summary = fieldErrors.size() == 1
                ? fieldErrors.getFirst().field() + ": " + fieldErrors.getFirst().message()
                : fieldErrors.size() + " fields are invalid; see errors.";
        return new TributaryException(ErrorCode.INVALID_REQUEST, summary, fieldErrors, null);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
