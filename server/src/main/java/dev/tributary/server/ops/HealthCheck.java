package dev.tributary.server.ops;

import dev.tributary.server.error.TributaryException;
import dev.tributary.server.store.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this process can serve: the metadata database answers and its schema is migrated. Behind
 * {@code /status.txt}, which is public, so the reason given there is short; the details go to the log,
 * once per change of state.
 */
public final class HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(HealthCheck.class);
    private static final int QUERY_TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;
    private final Migrations migrations;
    private final AtomicReference<Status> last = new AtomicReference<>(Status.OK);

    public HealthCheck(DataSource dataSource, Migrations migrations) {
        this.dataSource = dataSource;
        this.migrations = migrations;
    }

    public Status check() {
        Status status = probe();
        Status previous = last.getAndSet(status);
        if (status.ok() && !previous.ok()) {
            log.info("Healthy again");
        }
        return status;
    }

    private Status probe() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            return unhealthy("metadata database unreachable", e.getMessage());
        }
        try {
            if (!migrations.upToDate()) {
                return unhealthy("database migrations pending: run `tributary migrate` or set AUTO_MIGRATE=true", "");
            }
        } catch (TributaryException e) {
            return unhealthy("cannot read the migration state of the metadata database", e.getMessage());
        }
        return Status.OK;
    }

    private Status unhealthy(String reason, String detail) {
        if (!reason.equals(last.get().reason())) {
            log.warn("Unhealthy: {}{}", reason, detail.isEmpty() ? "" : " (" + detail + ")");
        }
        return new Status(false, reason);
    }

    /** The answer of one check; {@code reason} is {@code OK} when healthy. */
    public record Status(boolean ok, String reason) {
        static final Status OK = new Status(true, "OK");
    }
}
