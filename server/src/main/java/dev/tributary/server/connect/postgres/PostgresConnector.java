package dev.tributary.server.connect.postgres;

import static dev.tributary.server.connect.postgres.PostgresConnectorFactory.DATABASE;
import static dev.tributary.server.connect.postgres.PostgresConnectorFactory.HOST;
import static dev.tributary.server.connect.postgres.PostgresConnectorFactory.PASSWORD;
import static dev.tributary.server.connect.postgres.PostgresConnectorFactory.PORT;
import static dev.tributary.server.connect.postgres.PostgresConnectorFactory.SCHEMA;
import static dev.tributary.server.connect.postgres.PostgresConnectorFactory.SSLMODE;
import static dev.tributary.server.connect.postgres.PostgresConnectorFactory.USERNAME;

import dev.tributary.server.connect.jdbc.JdbcConnector;
import dev.tributary.server.connect.jdbc.TypeMapping;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.RawRecordReader;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import dev.tributary.server.connect.net.AddressGuard;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** PostgreSQL: streaming reads through a server-side cursor, loads through COPY, merges with ON CONFLICT. */
final class PostgresConnector extends JdbcConnector {

    private static final TypeMapping TYPES = new PostgresTypes();

    private final ConnectorConfig config;

    PostgresConnector(ConnectorConfig config) {
        this.config = config;
    }

    private String host() {
        return config.requireString(HOST) + ":" + config.integer(PORT);
    }

    @Override
    public Connection connect() throws SQLException {
        AddressGuard.check(config, HOST, config.requireString(HOST));
        Properties properties = new Properties();
        properties.setProperty("user", config.requireString(USERNAME));
        config.string(PASSWORD).ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("sslmode", config.requireString(SSLMODE));
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "tributary");
        return DriverManager.getConnection("jdbc:postgresql://" + host() + "/" + config.requireString(DATABASE), properties);
    }

    @Override
    protected TypeMapping types() {
        return TYPES;
    }

    /** PgJDBC keeps a server-side cursor, fetching {@code fetchSize} rows at a time, only inside a transaction. */
    @Override
    protected void streamResults(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /**
     * The transaction is read-only, and so is every transaction the session starts after it: a statement that ends the
     * transaction (COMMIT) cannot open a writable one.
     */
    @Override
    protected void beginReadOnly(Connection connection, Duration timeout) throws SQLException {
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
            statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            statement.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
        }
    }

    /** 57014 is also a cancel; only the timeout says so in its message. */
    @Override
    protected boolean timedOut(SQLException e) {
        return "57014".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("statement timeout");
    }

    /**
     * PgJDBC sends the statements of a string one after another in the same session, so one of them could end the
     * read-only transaction and the next one run outside it: only one statement is run.
     */
    @Override
    protected void checkQuery(String sql) {
        List<NativeQuery> statements;
        try {
            statements = Parser.parseJdbcSql(sql, true, false, true, false, false);
        } catch (SQLException e) {
            throw new ConnectorException(e.getMessage(), e);
        }
        long count = statements.stream().filter(statement -> !statement.nativeSql.isBlank()).count();
        if (count > 1) {
            throw new ConnectorException("The query holds " + count + " statements; the SQL runner runs one statement at a time");
        }
    }

    @Override
    protected String describeQueryFailure(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null || server.getMessage() == null) {
            return e.getMessage();
        }
        return server.getMessage() + (server.getPosition() > 0 ? " (position " + server.getPosition() + ")" : "");
    }

    @Override
    protected Set<String> systemSchemas() {
        return Set.of("pg_catalog", "information_schema", "pg_toast");
    }

    @Override
    public String targetSchema() {
        return config.requireString(SCHEMA);
    }

    @Override
    protected Optional<String> createSchemaSql() {
        return Optional.of("CREATE SCHEMA IF NOT EXISTS " + quote(targetSchema()));
    }

    @Override
    protected TestResult.Failed diagnose(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        String user = config.requireString(USERNAME);
        String database = config.requireString(DATABASE);
        if (state.equals("28P01")) {
            return new TestResult.Failed(Problem.WRONG_CREDENTIALS, "The password for user " + user + " is wrong, or the user does not exist; check username and password.");
        }
        if (state.equals("28000") && (message.contains("no encryption") || message.contains("SSL off"))) {
            return new TestResult.Failed(Problem.TLS_REQUIRED, "The server at " + host() + " accepts only TLS connections from here; set sslmode to require or verify-full.");
        }
        if (state.equals("28000")) {
            return new TestResult.Failed(Problem.PERMISSION_DENIED, "The server at " + host() + " refuses user " + user + " for database " + database
                    + " from this address; ask its administrator to allow it (pg_hba.conf).");
        }
        if (state.equals("3D000")) {
            return new TestResult.Failed(Problem.DATABASE_MISSING, "Database " + database + " does not exist on " + host() + "; check the database name.");
        }
        if (message.contains("does not support SSL")) {
            return new TestResult.Failed(Problem.TLS_UNAVAILABLE, "The server at " + host() + " does not offer TLS; set sslmode to prefer or disable, or enable TLS on the server.");
        }
        if (state.equals("42501")) {
            return new TestResult.Failed(Problem.PERMISSION_DENIED, "User " + user + " may not connect to database " + database + "; grant it CONNECT.");
        }
        return connectionFailure(e, config.requireString(HOST), host());
    }

    @Override
    public String rawFormat() {
        return CopyTextReader.FORMAT;
    }

    @Override
    public RawRecordReader readRaw(ReadRequest request) {
        ObjectSchema object = requireObject(request.schema(), request.object());
        String columns = requestedFields(request, object).stream().map(field -> quote(field.name())).collect(Collectors.joining(", "));
        String sql = "COPY (SELECT " + columns + " FROM " + qualified(object.schema(), object.name()) + ") TO STDOUT";
        Connection connection = null;
        try {
            connection = connect();
            return new CopyTextReader(connection, connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql), request.schema() + "." + request.object(), this);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failure("Reading " + request.schema() + "." + request.object(), e);
        }
    }

    /** Loads through COPY, the whole batch as one CSV text sent in one piece rather than a message per row. */
    @Override
    public void load(Connection connection, String into, List<String> columns, List<CanonicalType> types, List<Row> rows) throws SQLException {
        String sql = "COPY " + into + " (" + columns.stream().map(this::quote).collect(Collectors.joining(", ")) + ") FROM STDIN (FORMAT csv)";
        StringBuilder text = new StringBuilder(rows.size() * 64);
        for (Row row : rows) {
            CopyFormat.appendLine(text, row, types);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    @Override
    protected String modelStagingSql(String staging, String table, List<String> columns) {
        return "CREATE TEMPORARY TABLE " + staging + " AS SELECT 0 AS tributary_row, NULL::boolean AS tributary_found, "
                + String.join(", ", columns) + " FROM " + table + " WHERE 1 = 0";
    }

    @Override
    protected String clearStagingSql(String staging) {
        // Autovacuum never visits temporary tables: deleted rows would pile up and every later batch would scan them.
        return "TRUNCATE " + staging;
    }

    @Override
    protected String updateFromStagingSql(String table, String staging, String match, Map<String, String> assignments) {
        return "UPDATE " + table + " t SET " + assignments.entrySet().stream().map(set -> set.getKey() + " = " + set.getValue())
                .collect(Collectors.joining(", ")) + " FROM " + staging + " s WHERE " + match;
    }

    @Override
    public BatchWriter openAppend(String object, List<Field> fields) {
        return new CopyWriter(this, CopyWriter.Mode.APPEND, target(object, fields), fields);
    }

    @Override
    public BatchWriter openUpsert(String object, List<Field> fields) {
        return new CopyWriter(this, CopyWriter.Mode.UPSERT, target(object, fields), fields);
    }

    @Override
    public BatchWriter openReplace(String object, List<Field> fields) {
        return new CopyWriter(this, CopyWriter.Mode.REPLACE, target(object, fields), fields);
    }
}
