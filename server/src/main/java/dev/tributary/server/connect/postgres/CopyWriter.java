package dev.tributary.server.connect.postgres;

import dev.tributary.server.connect.jdbc.JdbcConnector;
import dev.tributary.server.connect.jdbc.JdbcConnector.Checked;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads batches through COPY, each batch in its own transaction:
 * <ul>
 * <li>append: COPY into the object;</li>
 * <li>upsert: COPY into a temporary table, then {@code INSERT ... ON CONFLICT (pk) DO UPDATE} from it;</li>
 * <li>replace: COPY into a staging table that {@link #finish()} swaps in by renaming, in one transaction.</li>
 * </ul>
 */
final class CopyWriter implements BatchWriter {

    enum Mode { APPEND, UPSERT, REPLACE }

    private static final String UPSERT_STAGE = "tributary_upsert";

    private final PostgresConnector connector;
    private final Mode mode;
    private final ObjectSchema target;
    private final List<Field> fields;
    private final List<CanonicalType> types;
    private final List<Integer> keyIndexes;
    private final String staging;
    private final Connection connection;
    private boolean finished;

    CopyWriter(PostgresConnector connector, Mode mode, ObjectSchema target, List<Field> fields) {
        this.connector = connector;
        this.mode = mode;
        this.target = target;
        this.fields = List.copyOf(fields);
        this.types = fields.stream().map(field -> target.field(field.name()).orElseThrow().type()).toList();
        List<String> names = fields.stream().map(Field::name).toList();
        this.keyIndexes = target.primaryKey().stream().map(names::indexOf).toList();
        if (mode == Mode.UPSERT && (keyIndexes.isEmpty() || keyIndexes.contains(-1))) {
            throw new ConnectorException("Upserting into " + target.schema() + "." + target.name() + " needs its primary key "
                    + target.primaryKey() + " among the fields written" + (keyIndexes.isEmpty() ? ", and it has none" : "") + ".");
        }
        this.staging = mode == Mode.REPLACE ? "tributary_replace_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) : null;
        try {
            this.connection = connector.connect();
            connection.setAutoCommit(false);
            if (mode == Mode.REPLACE) {
                execute("CREATE TABLE " + connector.qualified(target.schema(), staging) + " (LIKE " + table() + " INCLUDING ALL)");
                connection.commit();
            }
        } catch (SQLException e) {
            throw connector.failure("Preparing to write " + target.name(), e);
        }
    }

    private String table() {
        return connector.qualified(target.schema(), target.name());
    }

    @Override
    public WriteResult write(RecordBatch batch) {
        if (!batch.fields().stream().map(Field::name).toList().equals(fields.stream().map(Field::name).toList())) {
            throw new IllegalArgumentException("the batch's fields differ from the fields this writer was opened with");
        }
        Checked checked = connector.check(batch, target);
        List<Row> rows = mode == Mode.UPSERT ? JdbcConnector.lastPerKey(checked.accepted(), keyIndexes) : checked.accepted();
        try {
            switch (mode) {
                case APPEND -> copy(table(), rows);
                case REPLACE -> copy(connector.qualified(target.schema(), staging), rows);
                case UPSERT -> {
                    execute("CREATE TEMPORARY TABLE " + UPSERT_STAGE + " (LIKE " + table() + " INCLUDING DEFAULTS) ON COMMIT DROP");
                    copy(connector.quote(UPSERT_STAGE), rows);
                    execute(upsertSql());
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw connector.failure("Writing to " + target.schema() + "." + target.name(), e);
        }
        return new WriteResult(rows.size(), checked.rejected());
    }

    private String upsertSql() {
        String columns = columns(fields.stream().map(Field::name).toList());
        List<String> updates = fields.stream().filter(field -> !target.primaryKey().contains(field.name()))
                .map(field -> connector.quote(field.name()) + " = EXCLUDED." + connector.quote(field.name())).toList();
        return "INSERT INTO " + table() + " (" + columns + ") SELECT " + columns + " FROM " + connector.quote(UPSERT_STAGE)
                + " ON CONFLICT (" + columns(target.primaryKey()) + ") DO "
                + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", updates));
    }

    private String columns(List<String> names) {
        return names.stream().map(connector::quote).collect(Collectors.joining(", "));
    }

    private void copy(String table, List<Row> rows) throws SQLException {
        String sql = "COPY " + table + " (" + columns(fields.stream().map(Field::name).toList()) + ") FROM STDIN (FORMAT csv)";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            for (Row row : rows) {
                byte[] line = CopyFormat.line(row, types).getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(line, 0, line.length);
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Swaps the staging table in: readers wait on the lock, then see the new table, never a half-loaded one. */
    @Override
    public void finish() {
        if (mode == Mode.REPLACE && !finished) {
            String old = "tributary_old_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            try {
                execute("ALTER TABLE " + table() + " RENAME TO " + connector.quote(old));
                execute("ALTER TABLE " + connector.qualified(target.schema(), staging) + " RENAME TO " + connector.quote(target.name()));
                execute("DROP TABLE " + connector.qualified(target.schema(), old));
                connection.commit();
            } catch (SQLException e) {
                rollback();
                throw connector.failure("Replacing " + target.schema() + "." + target.name(), e);
            }
        }
        finished = true;
    }

    @Override
    public void close() {
        try (connection) {
            if (mode == Mode.REPLACE && !finished) {
                rollback();
                execute("DROP TABLE IF EXISTS " + connector.qualified(target.schema(), staging));
                connection.commit();
            }
        } catch (SQLException e) {
            throw connector.failure("Abandoning the refresh of " + target.schema() + "." + target.name(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The failure that led here is the one reported; the connection is closed with the writer.
        }
    }
}
