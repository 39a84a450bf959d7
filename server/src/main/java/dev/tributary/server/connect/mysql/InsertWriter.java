package dev.tributary.server.connect.mysql;

import dev.tributary.server.connect.jdbc.JdbcBatchWriter;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.Row;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads batches with batched INSERTs (Connector/J sends them in bulk), each batch in its own transaction:
 * <ul>
 * <li>append: INSERT into the object;</li>
 * <li>upsert: INSERT ... ON DUPLICATE KEY UPDATE;</li>
 * <li>replace: INSERT into a staging table that {@link #finish()} swaps in with one RENAME TABLE, which is atomic.</li>
 * </ul>
 */
final class InsertWriter extends JdbcBatchWriter {

    private final MySqlConnector mysql;

    InsertWriter(MySqlConnector connector, Mode mode, ObjectSchema target, List<Field> fields) {
        super(connector, mode, target, fields);
        this.mysql = connector;
    }

    /** DDL commits on its own in MySQL. */
    @Override
    protected void createStaging(String table, String staging) throws SQLException {
        execute("CREATE TABLE " + staging + " LIKE " + table);
    }

    @Override
    protected void load(String into, List<Row> rows) throws SQLException {
        connector.load(connection, into, fields.stream().map(Field::name).toList(), List.of(), rows);
    }

    @Override
    protected void merge(List<Row> rows) throws SQLException {
        // Updating a key column to itself makes a merge of a record that only has key fields a no-op.
        List<String> updated = fields.stream().map(Field::name).filter(name -> !target.primaryKey().contains(name)).toList();
        String assignments = (updated.isEmpty() ? List.of(target.primaryKey().getFirst()) : updated).stream()
                .map(name -> connector.quote(name) + " = VALUES(" + connector.quote(name) + ")").collect(Collectors.joining(", "));
        mysql.insert(connection, mysql.insertSql(table(), fields.stream().map(Field::name).toList()) + " ON DUPLICATE KEY UPDATE " + assignments, rows);
    }

    /** One RENAME TABLE renames both tables atomically: readers see the old table or the new one. */
    @Override
    protected void swap(String table, String staging, String oldName) throws SQLException {
        String old = connector.qualified(target.schema(), oldName);
        execute("RENAME TABLE " + table + " TO " + old + ", " + staging + " TO " + table);
        execute("DROP TABLE " + old);
    }
}
