package dev.tributary.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tributary.server.config.Config;
import dev.tributary.server.config.DatabaseUrl;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The connection pool to the metadata PostgreSQL: the one named by DATABASE_URL, or the embedded one of
 * development mode. The pool starts even when the database is down and reconnects by itself when it is back.
 */
public final class MetadataDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Optional<EmbeddedPostgres> embedded;
    private final String description;

    private MetadataDatabase(HikariDataSource dataSource, Optional<EmbeddedPostgres> embedded, String description) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.description = description;
    }

    public static MetadataDatabase open(Config config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("metadata");
        pool.setMaximumPoolSize(config.databasePoolSize());
        pool.setMinimumIdle(Math.min(2, config.databasePoolSize()));
        // Start even when the database is unreachable: /status.txt reports it, and the pool recovers on its own.
        pool.setInitializationFailTimeout(-1);
        pool.setConnectionTimeout(5_000);
        pool.setValidationTimeout(2_000);
        pool.addDataSourceProperty("ApplicationName", "tributary");
        pool.addDataSourceProperty("connectTimeout", "5");
        if (config.databaseUrl().isPresent()) {
            DatabaseUrl url = config.databaseUrl().get();
            pool.setJdbcUrl(url.jdbcUrl());
            pool.setUsername(url.user());
            url.password().ifPresent(password -> pool.setPassword(password.reveal()));
            return new MetadataDatabase(new HikariDataSource(pool), Optional.empty(), url.masked());
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.start(config.dataDir());
        try {
            pool.setJdbcUrl(postgres.jdbcUrl());
            pool.setUsername(EmbeddedPostgres.USER);
            return new MetadataDatabase(new HikariDataSource(pool), Optional.of(postgres),
                    "embedded PostgreSQL on port " + postgres.port() + " in " + config.dataDir().resolve("postgres"));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the metadata lives, with any password masked. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
        embedded.ifPresent(EmbeddedPostgres::close);
    }
}
