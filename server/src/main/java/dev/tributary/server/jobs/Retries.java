package dev.tributary.server.jobs;

import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.RetriableConnectorException;
import java.io.IOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Which failures may pass on their own and are worth another attempt. */
public final class Retries {

    private Retries() {}

    /**
     * True for dropped connections, deadlocks, timeouts and HTTP 429/5xx (connectors raise these as
     * {@link RetriableConnectorException}); false for what needs a person, such as refused credentials or a missing table.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableConnectorException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof ConnectorException) {
                return false;
            }
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
