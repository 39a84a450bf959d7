package dev.tributary.server.connect.mysql;

import dev.tributary.server.connect.jdbc.JdbcConnector;
import dev.tributary.server.connect.jdbc.JdbcConnector.Checked;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Loads batches with batched INSERTs (Connector/J sends them in bulk), each batch in its own transaction:
 * <ul>
 * <li>append: INSERT into the object;</li>
 * <li>upsert: INSERT ... ON DUPLICATE KEY UPDATE;</li>
 * <li>replace: INSERT into a staging table that {@link #finish()} swaps in with one RENAME TABLE, which is atomic.</li>
 * </ul>
 */
final class InsertWriter implements BatchWriter {

    enum Mode { APPEND, UPSERT, REPLACE }

    private final MySqlConnector connector;
    private final Mode mode;
    private final ObjectSchema target;
    private final List<Field> fields;
    private final List<Integer> keyIndexes;
    private final String staging;
    private final Connection connection;
    private boolean finished;

    InsertWriter(MySqlConnector connector, Mode mode, ObjectSchema target, List<Field> fields) {
        this.connector = connector;
        this.mode = mode;
        this.target = target;
        this.fields = List.copyOf(fields);
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
                execute("CREATE TABLE " + connector.qualified(target.schema(), staging) + " LIKE " + table());
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
        try (PreparedStatement statement = connection.prepareStatement(insertSql())) {
            for (Row row : rows) {
                for (int i = 0; i < fields.size(); i++) {
                    statement.setObject(i + 1, connector.jdbcValue(row.get(i)));
                }
                statement.addBatch();
            }
            if (!rows.isEmpty()) {
                statement.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw connector.failure("Writing to " + target.schema() + "." + target.name(), e);
        }
        return new WriteResult(rows.size(), checked.rejected());
    }

    private String insertSql() {
        String into = mode == Mode.REPLACE ? connector.qualified(target.schema(), staging) : table();
        String sql = "INSERT INTO " + into + " (" + fields.stream().map(field -> connector.quote(field.name())).collect(Collectors.joining(", "))
                + ") VALUES (" + fields.stream().map(field -> "?").collect(Collectors.joining(", ")) + ")";
        if (mode != Mode.UPSERT) {
            return sql;
        }
        // Updating a key column to itself makes a merge of a record that only has key fields a no-op.
        List<String> updated = fields.stream().map(Field::name).filter(name -> !target.primaryKey().contains(name)).toList();
        return sql + " ON DUPLICATE KEY UPDATE " + (updated.isEmpty() ? List.of(target.primaryKey().getFirst()) : updated).stream()
                .map(name -> connector.quote(name) + " = VALUES(" + connector.quote(name) + ")").collect(Collectors.joining(", "));
    }

    /** One RENAME TABLE renames both tables atomically: readers see the old table or the new one. */
    @Override
    public void finish() {
        if (mode == Mode.REPLACE && !finished) {
            String old = "tributary_old_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            try {
                execute("RENAME TABLE " + table() + " TO " + connector.qualified(target.schema(), old) + ", "
                        + connector.qualified(target.schema(), staging) + " TO " + table());
                execute("DROP TABLE " + connector.qualified(target.schema(), old));
            } catch (SQLException e) {
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
            }
        } catch (SQLException e) {
            throw connector.failure("Abandoning the refresh of " + target.schema() + "." + target.name(), e);
        }
    }

    /** DDL commits on its own in MySQL. */
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
