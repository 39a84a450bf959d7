package dev.tributary.server.connect.postgres;

import dev.tributary.server.connect.jdbc.JdbcBatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.RawChunk;
import dev.tributary.server.connect.spi.Row;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads batches through COPY, each batch in its own transaction:
 * <ul>
 * <li>append: COPY into the object;</li>
 * <li>upsert: COPY into a temporary table, then {@code INSERT ... ON CONFLICT (pk) DO UPDATE} from it;</li>
 * <li>replace: COPY into a staging table that {@link #finish()} swaps in by renaming, in one transaction.</li>
 * </ul>
 */
final class CopyWriter extends JdbcBatchWriter {

    private static final String UPSERT_STAGE = "tributary_upsert";

    private final List<CanonicalType> types;

    CopyWriter(PostgresConnector connector, Mode mode, ObjectSchema target, List<Field> fields) {
        super(connector, mode, target, fields);
        this.types = fields.stream().map(field -> target.field(field.name()).orElseThrow().type()).toList();
    }

    @Override
    protected void createStaging(String table, String staging) throws SQLException {
        execute("CREATE TABLE " + staging + " (LIKE " + table + " INCLUDING ALL)");
    }

    @Override
    protected void load(String into, List<Row> rows) throws SQLException {
        connector.load(connection, into, fields.stream().map(Field::name).toList(), types, rows);
    }

    /** COPY's text format as the source's COPY wrote it: the same columns in the same order, nothing parsed here. */
    @Override
    protected void loadRaw(String into, RawChunk chunk) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + into + " (" + columns(fields.stream().map(Field::name).toList()) + ") FROM STDIN");
        try {
            copy.writeToCopy(chunk.bytes(), 0, chunk.length());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    @Override
    protected void merge(List<Row> rows) throws SQLException {
        execute("CREATE TEMPORARY TABLE " + UPSERT_STAGE + " (LIKE " + table() + " INCLUDING DEFAULTS) ON COMMIT DROP");
        load(connector.quote(UPSERT_STAGE), rows);
        String columns = columns(fields.stream().map(Field::name).toList());
        List<String> updates = fields.stream().filter(field -> !target.primaryKey().contains(field.name()))
                .map(field -> connector.quote(field.name()) + " = EXCLUDED." + connector.quote(field.name())).toList();
        execute("INSERT INTO " + table() + " (" + columns + ") SELECT " + columns + " FROM " + connector.quote(UPSERT_STAGE)
                + " ON CONFLICT (" + columns(target.primaryKey()) + ") DO "
                + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", updates)));
    }

    /** Renames in one transaction: readers wait on the lock, then see the new table, never a half-loaded one. */
    @Override
    protected void swap(String table, String staging, String oldName) throws SQLException {
        execute("ALTER TABLE " + table + " RENAME TO " + connector.quote(oldName));
        execute("ALTER TABLE " + staging + " RENAME TO " + connector.quote(target.name()));
        execute("DROP TABLE " + connector.qualified(target.schema(), oldName));
    }

    private String columns(List<String> names) {
        return names.stream().map(connector::quote).collect(Collectors.joining(", "));
    }
}
