package dev.tributary.server.connect.spi;

/** A connector failure that a retry will not fix: the message says what is wrong and what to change. */
public class ConnectorException extends RuntimeException {

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
