package dev.tributary.server.connect.jdbc;

import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.RawChunk;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every database writer shares: one connection, each batch checked and committed in its own transaction, and a
 * full refresh written to a staging table in one transaction that {@link #finish()} swaps in at once (or that {@link #close()} drops when
 * the refresh is abandoned). A database's writer says only how it loads rows and how it swaps tables.
 */
public abstract class JdbcBatchWriter implements BatchWriter {

    /** How records land: appended, merged by primary key, or replacing the object's content at {@link #finish()}. */
    public enum Mode { APPEND, UPSERT, REPLACE }

    protected final JdbcConnector connector;
    protected final Mode mode;
    protected final ObjectSchema target;
    protected final List<Field> fields;
    protected final Connection connection;
    private final List<Integer> keyIndexes;
    private final String staging;
    private boolean finished;

    protected JdbcBatchWriter(JdbcConnector connector, Mode mode, ObjectSchema target, List<Field> fields) {
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
        this.staging = mode == Mode.REPLACE ? "tributary_replace_" + randomSuffix() : null;
        try {
            this.connection = connector.connect();
            connection.setAutoCommit(false);
            if (mode == Mode.REPLACE) {
                createStaging(table(), stagingTable());
                connection.commit();
            }
        } catch (SQLException e) {
            throw connector.failure("Preparing to write " + target.name(), e);
        }
    }

    /** Creates the (empty) staging table with the target's columns and keys. Called from the constructor: use no state of a subclass. */
    protected abstract void createStaging(String table, String staging) throws SQLException;

    /** Loads the rows into {@code into} (the target, or the staging table of a refresh), within the open transaction. */
    protected abstract void load(String into, List<Row> rows) throws SQLException;

    /** Loads records in the connector's raw format into {@code into}, within the open transaction; only databases that have one override it. */
    protected void loadRaw(String into, RawChunk chunk) throws SQLException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support " + Capability.RAW_COPY);
    }

    /** Merges the rows into the target by primary key, within the open transaction. */
    protected abstract void merge(List<Row> rows) throws SQLException;

    /**
     * Puts the staging table in the target's place so that readers see the old table or the new one, never neither;
     * {@code oldName} is a free name (in the target's schema) for the old table until it is dropped.
     */
    protected abstract void swap(String table, String staging, String oldName) throws SQLException;

    @Override
    public final WriteResult write(RecordBatch batch) {
        if (!batch.fields().stream().map(Field::name).toList().equals(fields.stream().map(Field::name).toList())) {
            throw new IllegalArgumentException("the batch's fields differ from the fields this writer was opened with");
        }
        JdbcConnector.Checked checked = connector.check(batch, target);
        List<Row> rows = mode == Mode.UPSERT ? JdbcConnector.lastPerKey(checked.accepted(), keyIndexes) : checked.accepted();
        try {
            if (!rows.isEmpty()) {
                switch (mode) {
                    case APPEND -> load(table(), rows);
                    case REPLACE -> load(stagingTable(), rows);
                    case UPSERT -> merge(rows);
                }
            }
            commitUnlessStaged();
        } catch (SQLException e) {
            JdbcConnector.rollbackQuietly(connection);
            throw connector.failure("Writing to " + target.schema() + "." + target.name(), e);
        }
        return new WriteResult(rows.size(), checked.rejected());
    }

    @Override
    public final void writeRaw(RawChunk chunk) {
        if (mode == Mode.UPSERT) {
            throw new UnsupportedOperationException("an upsert decodes each record to merge it by key; raw records are only appended or refreshed");
        }
        try {
            loadRaw(mode == Mode.REPLACE ? stagingTable() : table(), chunk);
            commitUnlessStaged();
        } catch (SQLException e) {
            JdbcConnector.rollbackQuietly(connection);
            throw connector.failure("Writing to " + target.schema() + "." + target.name(), e);
        }
    }

    /** Commits the batch; a full refresh's staging table is seen by no one, so its rows commit once, with the swap. */
    private void commitUnlessStaged() throws SQLException {
        if (mode != Mode.REPLACE) {
            connection.commit();
        }
    }

    @Override
    public final void finish() {
        if (mode == Mode.REPLACE && !finished) {
            try {
                swap(table(), stagingTable(), "tributary_old_" + randomSuffix());
                connection.commit();
            } catch (SQLException e) {
                JdbcConnector.rollbackQuietly(connection);
                throw connector.failure("Replacing " + target.schema() + "." + target.name(), e);
            }
        }
        finished = true;
    }

    @Override
    public final void close() {
        try (connection) {
            if (mode == Mode.REPLACE && !finished) {
                JdbcConnector.rollbackQuietly(connection);
                execute("DROP TABLE IF EXISTS " + stagingTable());
                connection.commit();
            }
        } catch (SQLException e) {
            throw connector.failure("Abandoning the refresh of " + target.schema() + "." + target.name(), e);
        }
    }

    protected final String table() {
        return connector.qualified(target.schema(), target.name());
    }

    private String stagingTable() {
        return connector.qualified(target.schema(), staging);
    }

    protected final void execute(String sql) throws SQLException {
        JdbcConnector.execute(connection, sql);
    }


    private static String randomSuffix() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
