package dev.tributary.server.store;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/** The metadata schema's migrations (Flyway, {@code db/migration} on the class path). */
public final class Migrations {

    /** PostgreSQL's SQLSTATE for a missing privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final Flyway flyway;
    private volatile boolean upToDate;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .connectRetries(0)
                .load();
    }

    /** Applies pending migrations and tells what the schema is at. */
    public Outcome migrate() {
        try {
            MigrateResult result = flyway.migrate();
            upToDate = true;
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : Optional.ofNullable(flyway.info().current()).map(info -> info.getVersion().getVersion()).orElse("none");
            return new Outcome(result.migrationsExecuted, version);
        } catch (RuntimeException e) {
            throw explain(e);
        }
    }

    /** Whether every migration on the class path is applied. Asks the database until the answer is yes. */
    public boolean upToDate() {
        if (!upToDate) {
            try {
                MigrationInfo[] pending = flyway.info().pending();
                upToDate = pending.length == 0;
            } catch (RuntimeException e) {
                throw explain(e);
            }
        }
        return upToDate;
    }

    /** The version the schema is at, if any migration has run. */
    public Optional<String> currentVersion() {
        try {
            return Optional.ofNullable(flyway.info().current()).map(info -> info.getVersion().getVersion());
        } catch (RuntimeException e) {
            throw explain(e);
        }
    }

    /** Turns Flyway's failures into errors that say what to do. */
    static TributaryException explain(RuntimeException failure) {
        SQLException sql = sqlCause(failure);
        if (sql != null && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
            return new TributaryException(ErrorCode.INSUFFICIENT_DATABASE_PRIVILEGE,
                    "The database user may not change the schema (" + sql.getMessage().replaceFirst("^ERROR: ", "")
                            + "). Grant it CREATE on the database and on schema public (GRANT CREATE ON SCHEMA public TO <user>),"
                            + " or run `tributary migrate` as the schema owner and start the server with AUTO_MIGRATE=false.",
                    failure);
        }
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return new TributaryException(ErrorCode.DATABASE_UNAVAILABLE,
                    "The metadata database is unreachable: " + sql.getMessage(), failure);
        }
        return new TributaryException(ErrorCode.INTERNAL_ERROR, "Migrating the metadata database failed: " + failure.getMessage(), failure);
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** How many migrations ran, and the schema version after them. */
    public record Outcome(int applied, String version) {}
}
