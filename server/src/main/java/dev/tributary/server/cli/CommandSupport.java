package dev.tributary.server.cli;

import dev.tributary.server.config.Config;
import dev.tributary.server.config.Config.LogLevel;
import dev.tributary.server.config.ConfigLoader;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.ops.Logging;
import dev.tributary.server.store.MetadataDatabase;
import dev.tributary.server.store.Migrations;
import dev.tributary.server.store.Store;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;

/** What the operator's commands share: reading the configuration and opening the metadata store. */
final class CommandSupport {

    private CommandSupport() {}

    /**
     * Reads the configuration and sets up logging. One-shot commands log only warnings and errors (unless
     * LOG_LEVEL=debug) so that their own output stays readable.
     */
    static Config configure(Map<String, String> env, boolean oneShot, PrintWriter err) {
        Config config = ConfigLoader.load(env);
        LogLevel level = oneShot && config.logLevel() != LogLevel.DEBUG && config.logLevel().compareTo(LogLevel.WARN) < 0
                ? LogLevel.WARN : config.logLevel();
        Logging.configure(level, config.logFormat(), config.secretValues());
        config.warnings().forEach(warning -> err.println("warning: " + warning));
        return config;
    }

    /** Opens the metadata database with its schema up to date (migrating first when AUTO_MIGRATE allows), and runs work on it. */
    static <T> T withStore(Config config, Function<Store, T> work) {
        try (MetadataDatabase database = MetadataDatabase.open(config)) {
            Migrations migrations = new Migrations(database.dataSource());
            if (config.autoMigrate()) {
                migrations.migrate();
            } else if (!migrations.upToDate()) {
                throw new TributaryException(ErrorCode.CONFLICT,
                        "The metadata database has pending migrations and AUTO_MIGRATE is false: run `tributary migrate` first.");
            }
            try (Store store = new Store(database.dataSource())) {
                return work.apply(store);
            }
        }
    }
}
