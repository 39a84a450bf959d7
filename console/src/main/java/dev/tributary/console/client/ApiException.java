package dev.tributary.console.client;

/** The server refused a call; the message is its own explanation (the problem's detail), fit to show. */
public final class ApiException extends RuntimeException {

    public ApiException(String message) {
        super(message);
    }
}
