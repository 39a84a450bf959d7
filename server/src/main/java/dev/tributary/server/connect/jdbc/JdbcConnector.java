package dev.tributary.server.connect.jdbc;

import dev.tributary.server.connect.spi.Cancellation;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelObjectDetail;
import dev.tributary.server.connect.spi.ModelObjectDetail.ModelField;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.QueryCursor;
import dev.tributary.server.connect.spi.QueryLimits;
import dev.tributary.server.connect.spi.QueryTimeoutException;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.RetriableConnectorException;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.TestResult;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What every JDBC connector shares: connection tests, discovery through {@link DatabaseMetaData}, streaming reads
 * ordered by primary key (and tracking field) with keyset checkpoints, value conversion, value checks before writes,
 * and object creation. A subclass adds what differs: how to connect and stream, its type mapping, how it diagnoses
 * connection failures, and how it loads data.
 */
public abstract class JdbcConnector implements Connector {

    /** Opens a connection with the connector's settings; the caller closes it. */
    public abstract Connection connect() throws SQLException;

    protected abstract TypeMapping types();

    /** Turns a failed connection attempt into words: wrong password, unreachable host, missing database, TLS. */
    protected abstract TestResult.Failed diagnose(SQLException e);

    /**
     * Makes this connection's queries stream their rows, a fetch size at a time, instead of loading the whole result
     * into memory.
     */
    protected abstract void streamResults(Connection connection) throws SQLException;

    /** Schemas that belong to the database system itself, left out of discovery. */
    protected abstract Set<String> systemSchemas();

    /** The schema new objects are created in. */
    public abstract String targetSchema();

    /**
     * Whether the database's namespaces are JDBC catalogs (MySQL's databases) rather than schemas. Discovery then lists
     * the connection's own database only.
     */
    protected boolean catalogsAreSchemas() {
        return false;
    }

    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public String qualified(String schema, String object) {
        return quote(schema) + "." + quote(object);
    }

    // --- test and discovery ---

    @Override
    public TestResult test() {
        try (Connection connection = connect()) {
            DatabaseMetaData metadata = connection.getMetaData();
            return new TestResult.Passed("Connected to " + metadata.getDatabaseProductName() + " " + metadata.getDatabaseProductVersion());
        } catch (SQLException e) {
            return diagnose(e);
        } catch (ConnectorException refused) {
            return new TestResult.Failed(TestResult.Problem.HOST_UNREACHABLE, refused.getMessage());
        }
    }

    @Override
    public Catalog discover() {
        try (Connection connection = connect()) {
            return new Catalog(describe(connection, null, null));
        } catch (SQLException e) {
            throw failure("Discovering the catalog", e);
        }
    }

    /** The object as it is now, or empty when it does not exist. */
    public Optional<ObjectSchema> describe(String schema, String object) {
        try (Connection connection = connect()) {
            return describe(connection, schema, object).stream().flatMap(s -> s.objects().stream()).findFirst();
        } catch (SQLException e) {
            throw failure("Describing " + schema + "." + object, e);
        }
    }

    private List<Catalog.Schema> describe(Connection connection, String onlySchema, String onlyObject) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        boolean catalogs = catalogsAreSchemas();
        String catalog = catalogs ? (onlySchema == null ? connection.getCatalog() : onlySchema) : null;
        String schemaPattern = catalogs || onlySchema == null ? null : escape(metadata, onlySchema);
        String objectPattern = onlyObject == null ? "%" : escape(metadata, onlyObject);
        String namespaceColumn = catalogs ? "TABLE_CAT" : "TABLE_SCHEM";
        Map<String, Map<String, List<Field>>> namespaces = new TreeMap<>();
        Map<List<String>, Set<String>> primaryKeys = new LinkedHashMap<>();
        try (ResultSet tables = metadata.getTables(catalog, schemaPattern, objectPattern, new String[] {"TABLE", "VIEW", "PARTITIONED TABLE"})) {
            while (tables.next()) {
                String schema = tables.getString(namespaceColumn);
                String name = tables.getString("TABLE_NAME");
                if (!systemSchemas().contains(schema) && (onlyObject == null || onlyObject.equals(name)) && (onlySchema == null || onlySchema.equals(schema))) {
                    namespaces.computeIfAbsent(schema, key -> new TreeMap<>()).put(name, new ArrayList<>());
                }
            }
        }
        for (var namespace : namespaces.entrySet()) {
            for (String object : namespace.getValue().keySet()) {
                Set<String> keys = new HashSet<>();
                try (ResultSet pk = metadata.getPrimaryKeys(catalogs ? namespace.getKey() : null, catalogs ? null : namespace.getKey(), object)) {
                    while (pk.next()) {
                        keys.add(pk.getString("COLUMN_NAME"));
                    }
                }
                primaryKeys.put(List.of(namespace.getKey(), object), keys);
            }
        }
        try (ResultSet columns = metadata.getColumns(catalog, schemaPattern, objectPattern, "%")) {
            while (columns.next()) {
                String schema = columns.getString(namespaceColumn);
                String object = columns.getString("TABLE_NAME");
                List<Field> fields = namespaces.getOrDefault(schema, Map.of()).get(object);
                if (fields == null) {
                    continue;
                }
                String name = columns.getString("COLUMN_NAME");
                RemoteColumn remote = new RemoteColumn(columns.getString("TYPE_NAME"), columns.getInt("COLUMN_SIZE"), columns.getInt("DECIMAL_DIGITS"));
                boolean primaryKey = primaryKeys.get(List.of(schema, object)).contains(name);
                fields.add(new Field(name, types().toCanonical(remote), types().displayName(remote),
                        !primaryKey && columns.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, primaryKey));
            }
        }
        return namespaces.entrySet().stream()
                .map(namespace -> new Catalog.Schema(namespace.getKey(), namespace.getValue().entrySet().stream()
                        .map(object -> new ObjectSchema(namespace.getKey(), object.getKey(), object.getValue())).toList()))
                .toList();
    }

    private static String escape(DatabaseMetaData metadata, String name) throws SQLException {
        String escape = metadata.getSearchStringEscape();
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    // --- reads ---

    @Override
    public RecordReader read(ReadRequest request) {
        ObjectSchema object = requireObject(request.schema(), request.object());
        return open(request, object, object.primaryKey(), Optional.empty());
    }

    @Override
    public RecordReader readIncremental(ReadRequest request, String trackingField) {
        ObjectSchema object = requireObject(request.schema(), request.object());
        Field tracking = object.field(trackingField).orElseThrow(() -> new ConnectorException(
                "The tracking field " + trackingField + " is not a field of " + request.schema() + "." + request.object()
                        + "; its fields are " + object.fields().stream().map(Field::name).toList() + "."));
        if (tracking.type() instanceof CanonicalType.Array || tracking.type() instanceof CanonicalType.Json) {
            throw new ConnectorException("The tracking field " + trackingField + " is a " + tracking.type().displayName()
                    + ", which has no order; choose a number, text, date or timestamp field.");
        }
        List<String> order = new ArrayList<>();
        order.add(trackingField);
        object.primaryKey().stream().filter(key -> !key.equals(trackingField)).forEach(order::add);
        return open(request, object, order, Optional.of(trackingField));
    }

    protected final ObjectSchema requireObject(String schema, String object) {
        return describe(schema, object).orElseThrow(() -> new ConnectorException(
                schema + "." + object + " does not exist or this user cannot see it; run discovery to list the objects."));
    }

    /** The fields a read asks for, in its order; all of the object's when it names none. */
    protected static List<Field> requestedFields(ReadRequest request, ObjectSchema object) {
        return request.fields().isEmpty() ? object.fields() : request.fields().stream()
                .map(name -> object.field(name).orElseThrow(() -> new ConnectorException(
                        name + " is not a field of " + object.schema() + "." + object.name() + ".")))
                .toList();
    }

    private RecordReader open(ReadRequest request, ObjectSchema object, List<String> order, Optional<String> tracking) {
        List<Field> fields = requestedFields(request, object);
        List<Field> orderFields = order.stream().map(name -> object.field(name).orElseThrow()).toList();
        if (!fields.containsAll(orderFields)) {
            throw new ConnectorException("The fields read must include " + order + ", which order the read and make its checkpoints.");
        }
        Map<String, String> position = request.from().position();
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        tracking.ifPresent(field -> conditions.add(quote(field) + " IS NOT NULL"));
        if (!position.isEmpty()) {
            if (tracking.isPresent() && position.keySet().equals(Set.of(tracking.get()))) {
                // Only a tracking value, no key to tell records that share it apart: some of them may not have been
                // read yet, so all of them are read again.
                conditions.add(quote(tracking.get()) + " >= ?");
                parameters.add(positionValue(orderFields.getFirst(), position));
            } else if (position.keySet().equals(Set.copyOf(order))) {
                // Keyset: strictly after the last record read, so nothing is read twice.
                conditions.add("(" + order.stream().map(this::quote).collect(Collectors.joining(", ")) + ") > ("
                        + order.stream().map(name -> "?").collect(Collectors.joining(", ")) + ")");
                orderFields.forEach(field -> parameters.add(positionValue(field, position)));
            } else {
                throw new ConnectorException("The checkpoint " + position.keySet() + " does not match the read of "
                        + object.schema() + "." + object.name() + ", which is ordered by " + order + "; reset the checkpoint.");
            }
        }
        String sql = "SELECT " + fields.stream().map(field -> quote(field.name())).collect(Collectors.joining(", "))
                + " FROM " + qualified(object.schema(), object.name())
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + (order.isEmpty() ? "" : " ORDER BY " + order.stream().map(this::quote).collect(Collectors.joining(", ")));
        Connection connection = null;
        try {
            connection = connect();
            streamResults(connection);
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(request.batchSize());
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, jdbcValue(parameters.get(i)));
            }
            return new Reader(object.schema() + "." + object.name(), connection, statement, statement.executeQuery(), fields, orderFields,
                    request.batchSize());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failure("Reading " + object.schema() + "." + object.name(), e);
        }
    }

    private static Object positionValue(Field field, Map<String, String> position) {
        String text = position.get(field.name());
        try {
            return CanonicalValues.parse(field.type(), text);
        } catch (RuntimeException e) {
            throw new ConnectorException("The checkpoint's " + field.name() + " '" + text + "' is not a " + field.type().displayName()
                    + " value; reset the checkpoint.", e);
        }
    }

    /** A streaming cursor cut into batches; each batch's checkpoint is the order key of its last record. */
    private final class Reader implements RecordReader {
        private final String object;
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet results;
        private final List<Field> fields;
        private final List<Integer> orderIndexes;
        private final int batchSize;

        Reader(String object, Connection connection, PreparedStatement statement, ResultSet results, List<Field> fields, List<Field> order,
                int batchSize) {
            this.object = object;
            this.connection = connection;
            this.statement = statement;
            this.results = results;
            this.fields = fields;
            this.orderIndexes = order.stream().map(fields::indexOf).toList();
            this.batchSize = batchSize;
        }

        @Override
        public Optional<RecordBatch> next() {
            List<Row> rows = new ArrayList<>();
            try {
                while (rows.size() < batchSize && results.next()) {
                    Object[] values = new Object[fields.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = readValue(results, i + 1, fields.get(i).type());
                    }
                    rows.add(new Row(values));
                }
            } catch (SQLException e) {
                throw failure("Reading " + object, e);
            }
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> position = new LinkedHashMap<>();
            for (int index : orderIndexes) {
                Field key = fields.get(index);
                position.put(key.name(), CanonicalValues.format(key.type(), rows.getLast().get(index)));
            }
            return Optional.of(new RecordBatch(fields, rows, new Checkpoint(position)));
        }

        @Override
        public void close() {
            try (connection; statement; results) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw failure("Closing the read of " + object, e);
            }
        }
    }

    // --- queries ---

    /** SQL state of a statement refused because it would write in a read-only transaction, the same in PostgreSQL and MySQL. */
    private static final String READ_ONLY_TRANSACTION = "25006";

    /**
     * Makes the connection's next transaction read-only, whatever the statement does (DDL included), and bounds the time
     * the database spends on a statement.
     */
    protected abstract void beginReadOnly(Connection connection, Duration timeout) throws SQLException;

    /** Whether the failure is the database stopping a statement at the time limit {@link #beginReadOnly} set. */
    protected abstract boolean timedOut(SQLException e);

    /** Refuses SQL this database would run in a way the read-only transaction cannot hold, such as several statements. */
    protected void checkQuery(String sql) {}

    /** The database's own words for a failed statement, with where in the statement it points when it says. */
    protected String describeQueryFailure(SQLException e) {
        return e.getMessage();
    }

    @Override
    public QueryCursor runQuery(String sql, QueryLimits limits, Cancellation cancellation) {
        checkQuery(sql);
        Connection connection = null;
        try {
            connection = connect();
            beginReadOnly(connection, limits.timeout());
            // A plain statement, not a prepared one: a ? in the SQL (a JSON operator) is then not taken for a parameter.
            Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(limits.fetchSize());
            statement.setMaxRows((int) Math.min(limits.maxRows(), Integer.MAX_VALUE));
            cancellation.onCancel(() -> cancelQuietly(statement));
            if (cancellation.canceled()) {
                throw new SQLException("The query was canceled before it started");
            }
            if (!statement.execute(sql)) {
                return new QueryResult(connection, statement, null, List.of(), limits, cancellation);
            }
            ResultSet results = statement.getResultSet();
            return new QueryResult(connection, statement, results, queryFields(results.getMetaData()), limits, cancellation);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw queryFailure(e, limits);
        }
    }

    private List<Field> queryFields(ResultSetMetaData metadata) throws SQLException {
        List<Field> fields = new ArrayList<>();
        for (int column = 1; column <= metadata.getColumnCount(); column++) {
            RemoteColumn remote = new RemoteColumn(metadata.getColumnTypeName(column), metadata.getPrecision(column), metadata.getScale(column));
            fields.add(new Field(metadata.getColumnLabel(column), types().toCanonical(remote), types().displayName(remote),
                    metadata.isNullable(column) != ResultSetMetaData.columnNoNulls, false));
        }
        return fields;
    }

    private ConnectorException queryFailure(SQLException e, QueryLimits limits) {
        if (timedOut(e)) {
            return new QueryTimeoutException(limits.timeout(), e);
        }
        String message = describeQueryFailure(e);
        if (READ_ONLY_TRANSACTION.equals(e.getSQLState())) {
            message += ". The SQL runner runs every query in a read-only transaction: it reads data and never changes it";
        }
        return new ConnectorException(message, e);
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // The statement finished or its connection closed meanwhile: there is nothing left to stop.
        }
    }

    /** A query's rows; closing it rolls the read-only transaction back and releases the connection. */
    private final class QueryResult implements QueryCursor {
        private final Connection connection;
        private final Statement statement;
        private final ResultSet results;
        private final List<Field> fields;
        private final QueryLimits limits;
        private final Cancellation cancellation;

        QueryResult(Connection connection, Statement statement, ResultSet results, List<Field> fields, QueryLimits limits,
                Cancellation cancellation) {
            this.connection = connection;
            this.statement = statement;
            this.results = results;
            this.fields = List.copyOf(fields);
            this.limits = limits;
            this.cancellation = cancellation;
        }

        @Override
        public List<Field> fields() {
            return fields;
        }

        @Override
        public Optional<Row> next() {
            try {
                if (results == null || !results.next()) {
                    return Optional.empty();
                }
                Object[] values = new Object[fields.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = readValue(results, i + 1, fields.get(i).type());
                }
                return Optional.of(new Row(values));
            } catch (SQLException e) {
                throw queryFailure(e, limits);
            }
        }

        @Override
        public void close() {
            cancellation.onCancel(() -> {});
            try (connection; statement) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                // The rows were read; a connection that fails while closing changes nothing for them.
            }
        }
    }

    // --- values ---

    /** Reads one column as a value of its canonical type; arrays are read item by item through the same conversion. */
    protected Object readValue(ResultSet results, int column, CanonicalType type) throws SQLException {
        Object value = switch (type) {
            case CanonicalType.BooleanType ignored -> results.getBoolean(column);
            case CanonicalType.Int16 ignored -> results.getShort(column);
            case CanonicalType.Int32 ignored -> results.getInt(column);
            case CanonicalType.Int64 ignored -> results.getLong(column);
            case CanonicalType.Decimal ignored -> results.getBigDecimal(column);
            case CanonicalType.Float32 ignored -> results.getFloat(column);
            case CanonicalType.Float64 ignored -> results.getDouble(column);
            case CanonicalType.StringType ignored -> results.getString(column);
            case CanonicalType.Json ignored -> results.getString(column);
            case CanonicalType.Bytes ignored -> results.getBytes(column);
            case CanonicalType.Date ignored -> results.getObject(column, LocalDate.class);
            case CanonicalType.Time ignored -> results.getObject(column, LocalTime.class);
            case CanonicalType.Timestamp ignored -> results.getObject(column, LocalDateTime.class);
            case CanonicalType.TimestampTz ignored -> {
                OffsetDateTime instant = results.getObject(column, OffsetDateTime.class);
                yield instant == null ? null : instant.toInstant();
            }
            case CanonicalType.Uuid ignored -> {
                Object uuid = results.getObject(column);
                yield uuid == null || uuid instanceof UUID ? uuid : UUID.fromString(uuid.toString());
            }
            case CanonicalType.Array array -> {
                java.sql.Array items = results.getArray(column);
                if (items == null) {
                    yield null;
                }
                List<Object> list = new ArrayList<>();
                try (ResultSet itemResults = items.getResultSet()) {
                    while (itemResults.next()) {
                        list.add(readValue(itemResults, 2, array.element()));
                    }
                } finally {
                    items.free();
                }
                yield java.util.Collections.unmodifiableList(list);
            }
        };
        return results.wasNull() ? null : value;
    }

    /** A canonical value as the JDBC driver takes it for a parameter. */
    protected Object jdbcValue(Object value) {
        return value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
    }

    // --- writes ---

    @Override
    public void createObject(String object, List<Field> fields) {
        List<String> columns = new ArrayList<>();
        for (Field field : fields) {
            columns.add(quote(field.name()) + " " + types().toRemote(field) + (field.nullable() && !field.primaryKey() ? "" : " NOT NULL"));
        }
        List<String> primaryKey = fields.stream().filter(Field::primaryKey).map(field -> quote(field.name())).toList();
        if (!primaryKey.isEmpty()) {
            columns.add("PRIMARY KEY (" + String.join(", ", primaryKey) + ")");
        }
        List<String> statements = new ArrayList<>(createSchemaSql().stream().toList());
        statements.add("CREATE TABLE " + qualified(targetSchema(), object) + " (" + String.join(", ", columns) + ")" + tableOptions());
        execute("Creating " + object, statements.toArray(String[]::new));
    }

    /**
     * Loads rows into a table within the connection's open transaction, the fastest way the database offers.
     *
     * @param columns the columns the rows' values go to, in order
     * @param types the canonical types of those columns
     */
    public abstract void load(Connection connection, String into, List<String> columns, List<CanonicalType> types, List<Row> rows)
            throws SQLException;

    /** The statement that creates the target schema if it is missing, where the connector may create it. */
    protected abstract Optional<String> createSchemaSql();

    /** What follows a new table's column list, such as its character set. */
    protected String tableOptions() {
        return "";
    }

    @Override
    public void addFields(String object, List<Field> fields) {
        execute("Adding fields to " + object, fields.stream()
                .map(field -> "ALTER TABLE " + qualified(targetSchema(), object) + " ADD COLUMN " + quote(field.name()) + " " + types().toRemote(field))
                .toArray(String[]::new));
    }

    /** Runs statements in one transaction. */
    protected void execute(String action, String... statements) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /** The destination object as it is, for a writer to check values against. */
    public ObjectSchema target(String object, List<Field> fields) {
        ObjectSchema target = describe(targetSchema(), object).orElseThrow(() -> new ConnectorException(
                targetSchema() + "." + object + " does not exist; create it before writing to it."));
        List<String> missing = fields.stream().map(Field::name).filter(name -> target.field(name).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new ConnectorException(targetSchema() + "." + object + " has no field " + String.join(", ", missing) + "; add the fields before writing them.");
        }
        return target;
    }

    /** The rows of a batch that the target can hold, and one error per refused row naming the field and the problem. */
    public record Checked(List<Row> accepted, List<RecordError> rejected) {}

    public Checked check(RecordBatch batch, ObjectSchema target) {
        List<Field> columns = batch.fields().stream().map(field -> target.field(field.name()).orElseThrow()).toList();
        List<Row> accepted = new ArrayList<>();
        List<RecordError> rejected = new ArrayList<>();
        for (int r = 0; r < batch.rows().size(); r++) {
            Row row = batch.rows().get(r);
            Optional<RecordError> error = Optional.empty();
            for (int i = 0; i < columns.size() && error.isEmpty(); i++) {
                Field column = columns.get(i);
                Object value = row.get(i);
                int index = r;
                error = (value == null && !column.nullable()
                        ? Optional.of("is empty, but " + column.name() + " does not accept empty values")
                        : CanonicalValues.problem(column.type(), value).or(() -> types().valueProblem(column, value)))
                        .map(problem -> new RecordError(index, column.name(), problem));
            }
            error.ifPresentOrElse(rejected::add, () -> accepted.add(row));
        }
        return new Checked(accepted, rejected);
    }

    /** The last record of each primary key, in first-seen order: a merge may touch a row once per statement. */
    public static List<Row> lastPerKey(List<Row> rows, List<Integer> keyIndexes) {
        Map<List<Object>, Row> byKey = new LinkedHashMap<>();
        for (Row row : rows) {
            List<Object> key = keyIndexes.stream().map(row::get).toList();
            byKey.remove(key);
            byKey.put(key, row);
        }
        return new ArrayList<>(byKey.values());
    }

    // --- model syncs ---

    /** Every object of the target schema takes every mode: the writer matches by identity without needing a key or index. */
    @Override
    public List<ModelObject> modelTargets() {
        return discover().schemas().stream().filter(schema -> schema.name().equals(targetSchema()))
                .flatMap(schema -> schema.objects().stream())
                .map(object -> new ModelObject(object.name(), EnumSet.allOf(ModelSyncMode.class)))
                .toList();
    }

    @Override
    public Optional<ModelObjectDetail> modelTarget(String object) {
        return describe(targetSchema(), object).map(schema -> new ModelObjectDetail(
                new ModelObject(schema.name(), EnumSet.allOf(ModelSyncMode.class)),
                schema.fields().stream().map(field -> new ModelField(field, true, true, ModelField.identityMatchesOf(field.type()))).toList(),
                false));
    }

    @Override
    public ModelWriter openModelWrite(ModelTarget target) {
        return new JdbcModelWriter(this, target(target.object(), target.fields()), target);
    }

    /**
     * The statement creating the writer's temporary staging table: {@code tributary_row} (an integer), then
     * {@code tributary_found} (a nullable boolean), then {@code columns} with the types they have in {@code table}. The
     * staging table has no constraints of its own, so that a record the target refuses is refused by the target.
     */
    protected abstract String modelStagingSql(String staging, String table, List<String> columns);

    /** Empties a model sync's staging table between batches. */
    protected String clearStagingSql(String staging) {
        return "DELETE FROM " + staging;
    }

    /**
     * The statement that updates the target rows matching staged rows ({@code t} and {@code s}).
     *
     * @param assignments quoted target column to the expression it is set to
     */
    protected abstract String updateFromStagingSql(String table, String staging, String match, Map<String, String> assignments);

    /** A condition that two text values are equal, character for character, whatever the columns' collation. */
    protected String exactTextMatch(String left, String right) {
        return left + " = " + right;
    }

    /** Whether the database refused a statement over the values of some of its records, rather than failed. */
    protected boolean refusesRecords(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("22") || state.startsWith("23");
    }

    /** The database's own words for why it refused a record, without the row's values that some databases add. */
    protected String refusal(SQLException e) {
        String message = e.getMessage() == null ? "refused by the database" : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    // --- failures ---

    /** Connection losses and transaction conflicts may pass on a retry; anything else needs a change. */
    /**
     * The failure of a connection test that no database-specific case explained: the host is unknown or unreachable, or
     * else the driver's own words.
     */
    protected static TestResult.Failed connectionFailure(SQLException e, String host, String hostAndPort) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return new TestResult.Failed(TestResult.Problem.HOST_UNREACHABLE, "Host " + host + " is unknown; check the host name.");
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
                return new TestResult.Failed(TestResult.Problem.HOST_UNREACHABLE, "Cannot reach " + hostAndPort + " (" + cause.getMessage()
                        + "); check the host and port, and that a firewall lets this server through.");
            }
        }
        return new TestResult.Failed(TestResult.Problem.OTHER, "Connecting to " + hostAndPort + " failed: " + e.getMessage());
    }

    public ConnectorException failure(String action, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = action + " failed: " + e.getMessage();
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("57P")
                ? new RetriableConnectorException(message, e)
                : new ConnectorException(message, e);
    }

    /** Runs one statement that returns nothing to read. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Rolls back after a failure, which stays the one reported; the connection is closed with its writer. */
    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The failure that led here is the one reported.
        }
    }

    protected static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection is being abandoned after another failure, which is the one reported.
            }
        }
    }

    @Override
    public void close() {
        // Connections are opened per operation and closed by it.
    }
}
