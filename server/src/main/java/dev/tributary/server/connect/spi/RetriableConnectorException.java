package dev.tributary.server.connect.spi;

/**
 * A failure that may pass if the same call is tried again (a dropped connection, a deadlock, a serialization
 * failure). Nothing of the failed call was committed, so retrying it cannot duplicate data.
 */
public class RetriableConnectorException extends ConnectorException {

    public RetriableConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
