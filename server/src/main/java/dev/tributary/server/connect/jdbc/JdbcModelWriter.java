package dev.tributary.server.connect.jdbc;

import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.IdentityMatch;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelObjectDetail.ModelField;
import dev.tributary.server.connect.spi.ModelOperation;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.RecordOutcome;
import dev.tributary.server.connect.spi.RecordOutcome.SkipReason;
import dev.tributary.server.connect.spi.Row;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes model records into a table with set-based statements. Each batch is loaded into a temporary staging table
 * (with each record's position in the batch), the staged records the target already has are marked, and then:
 * <ul>
 * <li>upsert: UPDATE the target from the marked records, INSERT the others;</li>
 * <li>insert new: INSERT the unmarked records; update existing: UPDATE from the marked ones;</li>
 * <li>delete: DELETE the target rows matching a staged record; append: INSERT them all.</li>
 * </ul>
 * Matching is by the identity field alone, so the target needs no key or unique index on it. The identity is never
 * updated; insert-only fields are updated only where the target holds NULL. The batch is one transaction; when the
 * database refuses a statement over some records' values (a constraint, a value too long), the batch's records are
 * split in halves, each under a savepoint, down to the records the database refuses, which are rejected with its
 * message while the others are applied. Nothing else writes the object's records while a sync runs, so the marks stay
 * true until the statements run.
 */
final class JdbcModelWriter implements ModelWriter {

    private static final String STAGING = "tributary_model";
    private static final String KEEP = "tributary_keep";
    private static final String ROW = "tributary_row";
    private static final String FOUND = "tributary_found";
    private static final int KEEP_CHUNK = 10_000;

    /** A record that reached the statements: its index in the batch and its values. */
    private record Staged(int index, Row row) {}

    private final JdbcConnector connector;
    private final ObjectSchema object;
    private final ModelTarget target;
    private final ModelObject modes;
    private final List<String> columns;
    private final List<CanonicalType> types;
    private final String table;
    private final Connection connection;

    JdbcModelWriter(JdbcConnector connector, ObjectSchema object, ModelTarget target) {
        this.connector = connector;
        this.object = object;
        this.target = target;
        this.modes = new ModelObject(object.name(), EnumSet.allOf(ModelSyncMode.class));
        this.columns = target.fields().stream().map(Field::name).toList();
        this.types = columns.stream().map(name -> object.field(name).orElseThrow().type()).toList();
        this.table = connector.qualified(object.schema(), object.name());
        if (target.identityField() != null) {
            Field identity = object.field(target.identityField()).orElseThrow();
            if (!ModelField.identityMatchesOf(identity.type()).contains(target.match())) {
                throw new ConnectorException(identityProblem(identity));
            }
        }
        try {
            this.connection = connector.connect();
        } catch (SQLException e) {
            throw connector.failure("Preparing to write " + describe(), e);
        }
        try {
            connection.setAutoCommit(false);
            execute(connector.modelStagingSql(connector.quote(STAGING), table, columns.stream().map(connector::quote).toList()));
            if (target.identityField() != null) {
                // retainOnly's identities to keep; made here so that a failed retainOnly cannot roll its creation back
                execute("CREATE TEMPORARY TABLE " + connector.quote(KEEP) + " AS SELECT " + identity() + " FROM " + table + " WHERE 1 = 0");
            }
            connection.commit();
        } catch (SQLException e) {
            JdbcConnector.closeQuietly(connection);
            throw connector.failure("Preparing to write " + describe(), e);
        }
    }

    private String identityProblem(Field identity) {
        if (ModelField.identityMatchesOf(identity.type()).isEmpty()) {
            return identity.name() + " cannot be the identity of a model sync into " + describe() + ": its values (" + identity.remoteType()
                    + ") do not compare reliably; choose a text, number, date or uuid field.";
        }
        return identity.name() + " (" + identity.remoteType() + ") cannot be matched case-insensitively, as it is not text; choose exact matching.";
    }

    @Override
    public List<RecordOutcome> apply(ModelOperation operation, List<Row> records) {
        modes.checkAccepts(operation);
        target.checkIdentityFor(operation);
        RecordOutcome[] outcomes = new RecordOutcome[records.size()];
        List<Staged> staged = stage(operation, records, outcomes);
        try {
            if (!staged.isEmpty()) {
                applyOrSplit(operation, staged, outcomes);
            }
            connection.commit();
        } catch (SQLException e) {
            JdbcConnector.rollbackQuietly(connection);
            throw connector.failure("Writing to " + describe(), e);
        }
        return Arrays.asList(outcomes);
    }

    /**
     * The records that go to the database: those whose values the target can hold (the others are rejected here) and,
     * of those sharing an identity, the last (the earlier are skipped).
     */
    private List<Staged> stage(ModelOperation operation, List<Row> records, RecordOutcome[] outcomes) {
        JdbcConnector.Checked checked = connector.check(new RecordBatch(target.fields(), records, Checkpoint.START), object);
        for (RecordError error : checked.rejected()) {
            outcomes[error.row()] = new RecordOutcome.Rejected(error.field(), error.message());
        }
        int identity = target.identityIndex();
        Map<Object, Integer> lastByIdentity = new LinkedHashMap<>();
        for (int index = 0; index < records.size(); index++) {
            if (outcomes[index] != null || !operation.needsIdentity()) {
                continue;
            }
            Object value = records.get(index).get(identity);
            if (value == null) {
                outcomes[index] = target.missingIdentity();
                continue;
            }
            Integer earlier = lastByIdentity.put(identityKey(value), index);
            if (earlier != null) {
                outcomes[earlier] = RecordOutcome.skipped(SkipReason.SUPERSEDED_IN_BATCH);
            }
        }
        List<Staged> staged = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            if (outcomes[index] == null) {
                staged.add(new Staged(index, records.get(index)));
            }
        }
        return staged;
    }

    /** The identity as the database compares it, so that records it would see as one are one here. */
    private Object identityKey(Object value) {
        return switch (value) {
            case String text when target.match() == IdentityMatch.CASE_INSENSITIVE -> text.toLowerCase(Locale.ROOT);
            case BigDecimal number -> number.stripTrailingZeros();
            default -> value;
        };
    }

    /** Applies the records under a savepoint; when the database refuses some of them, applies each half on its own. */
    private void applyOrSplit(ModelOperation operation, List<Staged> staged, RecordOutcome[] outcomes) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            Set<Integer> found = run(operation, staged);
            connection.releaseSavepoint(savepoint);
            for (Staged record : staged) {
                outcomes[record.index()] = outcome(operation, found.contains(record.index()));
            }
        } catch (SQLException e) {
            if (!connector.refusesRecords(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            if (staged.size() == 1) {
                outcomes[staged.getFirst().index()] = new RecordOutcome.Rejected("", connector.refusal(e));
                return;
            }
            int half = staged.size() / 2;
            applyOrSplit(operation, staged.subList(0, half), outcomes);
            applyOrSplit(operation, staged.subList(half, staged.size()), outcomes);
        }
    }

    private static RecordOutcome outcome(ModelOperation operation, boolean found) {
        return switch (operation) {
            case UPSERT -> found ? RecordOutcome.UPDATED : RecordOutcome.INSERTED;
            case INSERT_NEW -> found ? RecordOutcome.skipped(SkipReason.ALREADY_IN_DESTINATION) : RecordOutcome.INSERTED;
            case UPDATE_EXISTING -> found ? RecordOutcome.UPDATED : RecordOutcome.skipped(SkipReason.NOT_IN_DESTINATION);
            case DELETE -> found ? RecordOutcome.DELETED : RecordOutcome.skipped(SkipReason.NOT_IN_DESTINATION);
            case APPEND -> RecordOutcome.INSERTED;
        };
    }

    /** Stages the records, runs the operation's statements and empties the staging table; returns the records the target had. */
    private Set<Integer> run(ModelOperation operation, List<Staged> staged) throws SQLException {
        List<String> stagingColumns = new ArrayList<>(List.of(ROW));
        stagingColumns.addAll(columns);
        List<CanonicalType> stagingTypes = new ArrayList<>(List.of(CanonicalType.INT32));
        stagingTypes.addAll(types);
        List<Row> rows = staged.stream().map(record -> {
            Object[] values = new Object[columns.size() + 1];
            values[0] = record.index();
            for (int i = 0; i < columns.size(); i++) {
                values[i + 1] = record.row().get(i);
            }
            return new Row(values);
        }).toList();
        connector.load(connection, staging(), stagingColumns, stagingTypes, rows);
        Set<Integer> found = operation.needsIdentity() ? markFound() : Set.of();
        switch (operation) {
            case UPSERT -> {
                update();
                insert(true);
            }
            case INSERT_NEW -> insert(true);
            case UPDATE_EXISTING -> update();
            case DELETE -> execute("DELETE FROM " + table + " WHERE EXISTS (SELECT 1 FROM " + staging() + " s WHERE "
                    + match(table + "." + identity(), "s." + identity()) + ")");
            case APPEND -> insert(false);
        }
        execute(connector.clearStagingSql(staging()));
        return found;
    }

    private Set<Integer> markFound() throws SQLException {
        execute("UPDATE " + staging() + " s SET " + connector.quote(FOUND) + " = TRUE WHERE EXISTS (SELECT 1 FROM " + table + " t WHERE "
                + match("t." + identity(), "s." + identity()) + ")");
        Set<Integer> found = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + connector.quote(ROW) + " FROM " + staging() + " WHERE "
                     + connector.quote(FOUND) + " IS NOT NULL")) {
            while (rows.next()) {
                found.add(rows.getInt(1));
            }
        }
        return found;
    }

    /** Updates every mapped field but the identity; an insert-only field only where the target holds NULL. */
    private void update() throws SQLException {
        Map<String, String> assignments = new LinkedHashMap<>();
        for (String column : columns) {
            if (!column.equals(target.identityField())) {
                String quoted = connector.quote(column);
                assignments.put(quoted, target.insertOnlyFields().contains(column) ? "COALESCE(t." + quoted + ", s." + quoted + ")" : "s." + quoted);
            }
        }
        if (!assignments.isEmpty()) {
            execute(connector.updateFromStagingSql(table, staging(), match("t." + identity(), "s." + identity()), assignments));
        }
    }

    private void insert(boolean onlyNew) throws SQLException {
        String list = columns.stream().map(connector::quote).collect(Collectors.joining(", "));
        execute("INSERT INTO " + table + " (" + list + ") SELECT " + columns.stream().map(column -> "s." + connector.quote(column))
                .collect(Collectors.joining(", ")) + " FROM " + staging() + " s"
                + (onlyNew ? " WHERE s." + connector.quote(FOUND) + " IS NULL" : "") + " ORDER BY s." + connector.quote(ROW));
    }

    @Override
    public long retainOnly(Iterator<Object> identities) {
        modes.checkAcceptsRetainOnly();
        target.checkIdentityFor(ModelOperation.DELETE);
        Field identity = object.field(target.identityField()).orElseThrow();
        String keep = connector.quote(KEEP);
        try {
            List<Row> chunk = new ArrayList<>();
            while (identities.hasNext()) {
                Object value = identities.next();
                if (value != null) {
                    CanonicalValues.problem(identity.type(), value).ifPresent(problem -> {
                        throw new IllegalArgumentException("an identity to keep " + problem);
                    });
                    chunk.add(new Row(value));
                }
                if (chunk.size() == KEEP_CHUNK || !identities.hasNext()) {
                    connector.load(connection, keep, List.of(identity.name()), List.of(identity.type()), chunk);
                    chunk.clear();
                }
            }
            long deleted;
            try (Statement statement = connection.createStatement()) {
                deleted = statement.executeLargeUpdate("DELETE FROM " + table + " WHERE " + table + "." + identity() + " IS NULL OR NOT EXISTS (SELECT 1 FROM "
                        + keep + " k WHERE " + match(table + "." + identity(), "k." + identity()) + ")");
            }
            execute("DELETE FROM " + keep);
            connection.commit();
            return deleted;
        } catch (SQLException e) {
            JdbcConnector.rollbackQuietly(connection);
            throw connector.failure("Deleting the records of " + describe() + " that are not in the model", e);
        }
    }

    private String match(String targetValue, String modelValue) {
        boolean text = object.field(target.identityField()).orElseThrow().type() instanceof CanonicalType.StringType;
        if (target.match() == IdentityMatch.CASE_INSENSITIVE) {
            return "LOWER(" + targetValue + ") = LOWER(" + modelValue + ")";
        }
        return text ? connector.exactTextMatch(targetValue, modelValue) : targetValue + " = " + modelValue;
    }

    private String identity() {
        return connector.quote(target.identityField());
    }

    private String staging() {
        return connector.quote(STAGING);
    }

    private String describe() {
        return object.schema() + "." + object.name();
    }

    private void execute(String sql) throws SQLException {
        JdbcConnector.execute(connection, sql);
    }


    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw connector.failure("Closing the write to " + describe(), e);
        }
    }
}
