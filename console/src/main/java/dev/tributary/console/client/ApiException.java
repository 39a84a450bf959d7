package dev.tributary.console.client;

/** The server refused a call; {@code getMessage()} is its own explanation (the problem's detail), fit to show. */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
