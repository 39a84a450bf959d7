package dev.tributary.server.store;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of development mode: real PostgreSQL binaries (shipped in the jar) running on a data
 * directory that survives restarts. When another Tributary process already runs PostgreSQL on the same
 * directory (a CLI command beside a running server), this one connects to it instead of starting a second.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private final int port;
    private final Optional<io.zonky.test.db.postgres.embedded.EmbeddedPostgres> owned;

    private EmbeddedPostgres(int port, Optional<io.zonky.test.db.postgres.embedded.EmbeddedPostgres> owned) {
        this.port = port;
        this.owned = owned;
    }

    static EmbeddedPostgres start(Path dataDir) {
        Path directory = dataDir.resolve("postgres");
        Optional<Integer> running = runningPort(directory);
        if (running.isPresent()) {
            log.info("PostgreSQL is already running on {} (port {}); connecting to it", directory, running.get());
            return new EmbeddedPostgres(running.get(), Optional.empty());
        }
        try {
            Files.createDirectories(directory);
            var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofMinutes(1))
                    // Development data should survive a crash as well as a restart.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            log.info("Started embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
            return new EmbeddedPostgres(postgres.getPort(), Optional.of(postgres));
        } catch (IOException | RuntimeException e) {
            throw new TributaryException(ErrorCode.EMBEDDED_DATABASE_FAILED,
                    "Could not start the embedded PostgreSQL in " + directory + ": " + e.getMessage()
                            + ". Check that the directory is writable, or set DATABASE_URL to use an external PostgreSQL.", e);
        }
    }

    /** The port of a live postmaster on this data directory, read from its {@code postmaster.pid}. */
    private static Optional<Integer> runningPort(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            // Line 1 is the postmaster's pid, line 4 its port.
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        owned.ifPresent(postgres -> {
            try {
                postgres.close();
                log.info("Stopped embedded PostgreSQL");
            } catch (IOException e) {
                log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
            }
        });
    }
}
