package dev.tributary.server.connect.mysql;

import static dev.tributary.server.connect.mysql.MySqlConnectorFactory.DATABASE;
import static dev.tributary.server.connect.mysql.MySqlConnectorFactory.HOST;
import static dev.tributary.server.connect.mysql.MySqlConnectorFactory.PASSWORD;
import static dev.tributary.server.connect.mysql.MySqlConnectorFactory.PORT;
import static dev.tributary.server.connect.mysql.MySqlConnectorFactory.SSLMODE;
import static dev.tributary.server.connect.mysql.MySqlConnectorFactory.USERNAME;

import dev.tributary.server.connect.jdbc.JdbcConnector;
import dev.tributary.server.connect.jdbc.TypeMapping;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import dev.tributary.server.connect.net.AddressGuard;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** MySQL and MariaDB: streaming reads, batched inserts, merges with ON DUPLICATE KEY UPDATE, refresh by RENAME TABLE. */
final class MySqlConnector extends JdbcConnector {

    private static final TypeMapping TYPES = new MySqlTypes();
    private static final int UNKNOWN_SYSTEM_VARIABLE = 1193;

    private final ConnectorConfig config;

    MySqlConnector(ConnectorConfig config) {
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
        properties.setProperty("sslMode", config.requireString(SSLMODE));
        properties.setProperty("connectTimeout", "10000");
        properties.setProperty("tcpKeepAlive", "true");
        // The binary protocol carries FLOAT and DOUBLE values exactly; the text protocol rounds FLOAT to 6 digits.
        properties.setProperty("useServerPrepStmts", "true");
        Connection connection = DriverManager.getConnection("jdbc:mariadb://" + host() + "/" + config.requireString(DATABASE), properties);
        try (Statement statement = connection.createStatement()) {
            // TIMESTAMP values are then read and written in UTC, whatever the server's zone.
            statement.execute("SET time_zone = '+00:00', sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    protected TypeMapping types() {
        return TYPES;
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    protected boolean catalogsAreSchemas() {
        return true;
    }

    @Override
    protected void streamResults(Connection connection) {
        // Connector/J streams a result whenever the fetch size is positive, inside a transaction or not.
    }

    /**
     * Read-only for the whole session, not only the next transaction: DDL commits the transaction it runs in, so only a
     * session-wide setting refuses it too. The driver sends one statement per call, so nothing can follow to undo it.
     */
    @Override
    protected void beginReadOnly(Connection connection, Duration timeout) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try {
                statement.execute("SET SESSION max_statement_time = " + timeout.toMillis() / 1000.0);
            } catch (SQLException e) {
                if (e.getErrorCode() != UNKNOWN_SYSTEM_VARIABLE) {
                    throw e;
                }
                // MySQL names it otherwise, in milliseconds, and bounds SELECT statements only.
                statement.execute("SET SESSION max_execution_time = " + timeout.toMillis());
            }
            statement.execute("SET SESSION TRANSACTION READ ONLY");
        }
        connection.setAutoCommit(false);
    }

    /** The server's message without the driver's {@code (conn=N)} prefix, which means nothing to the reader. */
    @Override
    protected String describeQueryFailure(SQLException e) {
        return String.valueOf(e.getMessage()).replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    /** MariaDB's ER_STATEMENT_TIMEOUT, and MySQL's ER_QUERY_TIMEOUT. */
    @Override
    protected boolean timedOut(SQLException e) {
        return e.getErrorCode() == 1969 || e.getErrorCode() == 3024;
    }

    @Override
    protected Set<String> systemSchemas() {
        return Set.of("mysql", "information_schema", "performance_schema", "sys");
    }

    @Override
    public String targetSchema() {
        return config.requireString(DATABASE);
    }

    /** The database is the one connected to, so it exists. */
    @Override
    protected Optional<String> createSchemaSql() {
        return Optional.empty();
    }

    @Override
    protected String tableOptions() {
        return " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    @Override
    protected Object readValue(ResultSet results, int column, CanonicalType type) throws SQLException {
        if (type instanceof CanonicalType.TimestampTz) {
            LocalDateTime utc = results.getObject(column, LocalDateTime.class);
            return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
        }
        return super.readValue(results, column, type);
    }

    @Override
    protected Object jdbcValue(Object value) {
        return switch (value) {
            case Instant instant -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            case UUID uuid -> uuid.toString();
            case null, default -> value;
        };
    }

    @Override
    protected TestResult.Failed diagnose(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String user = config.requireString(USERNAME);
        String database = config.requireString(DATABASE);
        return switch (e.getErrorCode()) {
            case 1045 -> new TestResult.Failed(Problem.WRONG_CREDENTIALS, "The password for user " + user + " is wrong, or the user may not connect from here; check username and password.");
            case 1049 -> new TestResult.Failed(Problem.DATABASE_MISSING, "Database " + database + " does not exist on " + host() + "; check the database name.");
            case 1044 -> new TestResult.Failed(Problem.PERMISSION_DENIED, "User " + user + " may not use database " + database + "; grant it access.");
            case 3159 -> new TestResult.Failed(Problem.TLS_REQUIRED, "The server at " + host() + " accepts only TLS connections; set sslmode to trust, verify-ca or verify-full.");
            default -> {
                if (message.contains("ssl not enabled in the server") || message.contains("SSL not enabled")) {
                    yield new TestResult.Failed(Problem.TLS_UNAVAILABLE, "The server at " + host() + " does not offer TLS; set sslmode to disable, or enable TLS on the server.");
                }
                yield connectionFailure(e, config.requireString(HOST), host());
            }
        };
    }

    /** Loads with batched INSERTs, which Connector/J sends in bulk; MySQL needs no types beyond the values' own. */
    @Override
    public void load(Connection connection, String into, List<String> columns, List<CanonicalType> types, List<Row> rows) throws SQLException {
        insert(connection, insertSql(into, columns), rows);
    }

    void insert(Connection connection, String sql, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Row row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    statement.setObject(i + 1, jdbcValue(row.get(i)));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    String insertSql(String into, List<String> columns) {
        return "INSERT INTO " + into + " (" + columns.stream().map(this::quote).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** Columns defined before the SELECT are added to the ones it makes, first. */
    @Override
    protected String modelStagingSql(String staging, String table, List<String> columns) {
        return "CREATE TEMPORARY TABLE " + staging + " (tributary_row INT NULL, tributary_found BOOLEAN NULL) AS SELECT "
                + String.join(", ", columns) + " FROM " + table + " WHERE 1 = 0";
    }

    @Override
    protected String updateFromStagingSql(String table, String staging, String match, Map<String, String> assignments) {
        return "UPDATE " + table + " t JOIN " + staging + " s ON " + match + " SET " + assignments.entrySet().stream()
                .map(set -> "t." + set.getKey() + " = " + set.getValue()).collect(Collectors.joining(", "));
    }

    /** Under a case-insensitive collation {@code =} ignores case; comparing the bytes too does not, and keeps an index usable. */
    @Override
    protected String exactTextMatch(String left, String right) {
        return left + " = " + right + " AND CAST(" + left + " AS BINARY) = CAST(" + right + " AS BINARY)";
    }

    /** Besides SQLSTATE classes 22 and 23, MySQL reports some bad values as HY000: wrong values for a type, and CHECK failures. */
    @Override
    protected boolean refusesRecords(SQLException e) {
        return super.refusesRecords(e) || Set.of(1048, 1264, 1292, 1366, 1406, 3819, 4025).contains(e.getErrorCode());
    }

    /** Drops the driver's {@code (conn=N)} prefix, which says nothing about the record. */
    @Override
    protected String refusal(SQLException e) {
        return super.refusal(e).replaceFirst("^\\(conn=\\d+\\)\\s*", "");
    }

    @Override
    public BatchWriter openAppend(String object, List<Field> fields) {
        return new InsertWriter(this, InsertWriter.Mode.APPEND, target(object, fields), fields);
    }

    @Override
    public BatchWriter openUpsert(String object, List<Field> fields) {
        return new InsertWriter(this, InsertWriter.Mode.UPSERT, target(object, fields), fields);
    }

    @Override
    public BatchWriter openReplace(String object, List<Field> fields) {
        return new InsertWriter(this, InsertWriter.Mode.REPLACE, target(object, fields), fields);
    }
}
