package dev.tributary.server.error;

/** The kinds of failure the server reports, each with its HTTP status. Codes are never reused. */
public enum ErrorCode {
    INVALID_REQUEST(ErrorType.USER_ERROR, 400, "Invalid request"),
    UNAUTHENTICATED(ErrorType.USER_ERROR, 401, "Unauthenticated"),
    FORBIDDEN(ErrorType.USER_ERROR, 403, "Forbidden"),
    NOT_FOUND(ErrorType.USER_ERROR, 404, "Not found"),
    METHOD_NOT_ALLOWED(ErrorType.USER_ERROR, 405, "Method not allowed"),
    CONFLICT(ErrorType.USER_ERROR, 409, "Conflict"),
    TOO_MANY_REQUESTS(ErrorType.USER_ERROR, 429, "Too many requests"),
    DATABASE_UNAVAILABLE(ErrorType.EXTERNAL, 503, "Database unavailable"),
    INSUFFICIENT_DATABASE_PRIVILEGE(ErrorType.EXTERNAL, 500, "Insufficient database privilege"),
    EMBEDDED_DATABASE_FAILED(ErrorType.EXTERNAL, 500, "Embedded database failed"),
    BLOB_STORE_FAILED(ErrorType.EXTERNAL, 502, "Blob store failed"),
    SECRET_UNREADABLE(ErrorType.INTERNAL, 500, "Stored secret unreadable"),
    INTERNAL_ERROR(ErrorType.INTERNAL, 500, "Internal error");

    private final ErrorType type;
    private final int httpStatus;
    private final String title;

    ErrorCode(ErrorType type, int httpStatus, String title) {
        this.type = type;
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public ErrorType type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
