package dev.tributary.server.connect.spi;

import java.time.Duration;

/** The database stopped a query that ran longer than its {@link QueryLimits#timeout()}. */
public class QueryTimeoutException extends ConnectorException {

    private final Duration timeout;

    public QueryTimeoutException(Duration timeout, Throwable cause) {
        super("The query ran longer than its time limit of " + timeout.toSeconds() + " s and was stopped", cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
