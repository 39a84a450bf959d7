package dev.tributary.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}), the body of every API error.
 *
 * @param type a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title a short summary that is the same for every occurrence of this kind
 * @param status the HTTP status code
 * @param detail what went wrong this time and what to do about it
 * @param errors one entry per invalid field, for validation errors
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    /** One invalid field: its name as the client sent it, and what a valid value looks like. */
    public record FieldError(String field, String message) {}
}
