package dev.tributary.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database on the local MariaDB server (127.0.0.1:3306, root without password), dropped on close.
 * A test that needs MariaDB fails, never skips, when the server is not there.
 */
public final class TestingMariaDb implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 3306;
    public static final String USER = "root";

    private final String database;

    public TestingMariaDb() {
        this.database = "tributary_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("", "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    public String database() {
        return database;
    }

    /** A connection to this database whose session reads and writes TIMESTAMP values in UTC. */
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/" + database, USER, "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        }
        return connection;
    }

    /** Runs SQL in this database. */
    public void execute(String sql) {
        execute(database, sql);
    }

    private static void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/" + database, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + HOST + ":" + PORT + " is required for this test and failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute("", "DROP DATABASE IF EXISTS " + database);
    }
}
