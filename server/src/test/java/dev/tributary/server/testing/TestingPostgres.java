package dev.tributary.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty database on the local PostgreSQL server (127.0.0.1:5432, trust authentication), dropped on close.
 * A test that needs PostgreSQL fails, never skips, when the server is not there.
 */
public final class TestingPostgres implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String SUPERUSER = "postgres";

    private final String database;

    public TestingPostgres() {
        this.database = "tributary_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("postgres", "CREATE DATABASE " + database);
    }

    public String database() {
        return database;
    }

    /** DATABASE_URL for this database as the superuser. */
    public String url() {
        return url(HOST, PORT);
    }

    /** DATABASE_URL for this database reached at another address (a proxy in front of the server). */
    public String url(String host, int port) {
        return "postgres://" + SUPERUSER + "@" + host + ":" + port + "/" + database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, "");
    }

    /** The rows of a query, each as column name to value, in the order the query gives them. */
    public List<Map<String, Object>> query(String sql) {
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    row.put(rows.getMetaData().getColumnLabel(column), rows.getObject(column));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of every table as JSON, one per line: for checking that a value is stored nowhere in clear. */
    public String dumpAsText() {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> table : query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            String name = (String) table.get("table_name");
            text.append(name).append('\n');
            query("SELECT row_to_json(t)::text AS row FROM \"" + name + "\" t").forEach(row -> text.append(row.get("row")).append('\n'));
        }
        return text.toString();
    }

    /** Runs SQL in this database as the superuser. */
    public void execute(String sql) {
        execute(database, sql);
    }

    private static void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, SUPERUSER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is required for this test and failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
}
