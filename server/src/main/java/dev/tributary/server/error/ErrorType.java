package dev.tributary.server.error;

/** Who is at fault, which decides the HTTP status family and whether a retry can help. */
public enum ErrorType {
    /** The request or the input is wrong; the caller must change it. */
    USER_ERROR,
    /** A system we depend on (a database, an API) failed or is unreachable; a retry may succeed. */
    EXTERNAL,
    /** A bug or an unexpected state in Tributary itself. */
    INTERNAL
}
