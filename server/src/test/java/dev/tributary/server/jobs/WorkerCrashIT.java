package dev.tributary.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.FreePort;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingSyncs;
import dev.tributary.server.testing.TwoOrganizations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker container killed with SIGKILL in the middle of a bulk sync: the scheduler notices the silence, and another
 * worker resumes the run from its last checkpoint until the destination equals the source. The killed worker is the
 * packaged server in its own JVM; the web/scheduler container and the second worker run here, on a clock the test moves
 * past the lease timeout.
 */
class WorkerCrashIT {

    private static final Path JAR = Path.of("target", "tributary-server.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final int ROWS = 200_000;
    private static final int BATCH = 1_000;
    /** The destination holds the batch holding this id until the test lets go, so the kill lands mid-run. */
    private static final int HELD_ID = 50_000;

    @TempDir
    Path work;

    private final TestingPostgres metadata = new TestingPostgres();
    private final TestingPostgres source = new TestingPostgres();
    private final TestingPostgres destination = new TestingPostgres();
    private final String secretsKey = randomKey();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<AutoCloseable> open = new ArrayList<>();
    private Process doomed;

    @AfterEach
    void stop() throws Exception {
        if (doomed != null) {
            doomed.destroyForcibly().waitFor();
        }
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        metadata.close();
        source.close();
        destination.close();
    }

    @Test
    void aWorkerKilledMidRunIsTakenOverAndTheRunResumesFromItsCheckpoint() throws Exception {
        source.execute("CREATE TABLE events (id bigint PRIMARY KEY, payload text NOT NULL, updated_at timestamptz NOT NULL)");
        source.execute("INSERT INTO events SELECT i, md5(i::text), timestamptz '2026-01-01' + i * interval '1 millisecond'"
                + " FROM generate_series(1, " + ROWS + ") i");
        destination.execute("CREATE TABLE events (id bigint PRIMARY KEY, payload text NOT NULL, updated_at timestamptz NOT NULL)");
        destination.execute("CREATE FUNCTION hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = " + HELD_ID
                + " THEN PERFORM pg_advisory_lock(42); PERFORM pg_advisory_unlock(42); END IF; RETURN NEW; END $$");
        destination.execute("CREATE TRIGGER hold BEFORE INSERT OR UPDATE ON events FOR EACH ROW EXECUTE FUNCTION hold()");

        TestingServer web = server("web,scheduler");
        TwoOrganizations people = TwoOrganizations.create(web);
        TestingSyncs syncs = new TestingSyncs(web, people.adminA().apiKey());
        String sync = syncs.create("Events", source, destination, "events", "updated_at", "{\"frequency\": \"manual\"}");

        try (Connection lock = destination.connect()) {
            lock.createStatement().execute("SELECT pg_advisory_lock(42)");
            doomed = worker();
            String execution = syncs.start(sync);
            await().atMost(Duration.ofMinutes(2)).until(() -> syncs.execution(sync, execution).get("records_written").asLong()
                    >= HELD_ID - BATCH);
            long committed = TestingSyncs.count(destination, "events");
            assertThat(committed).as("the batches before the held one are committed").isEqualTo(HELD_ID - BATCH);

            doomed.destroyForcibly().waitFor();
            lock.createStatement().execute("SELECT pg_advisory_unlock(42)");
            assertThat(syncs.execution(sync, execution).get("status").asText()).isEqualTo("running");

            // The killed worker reported on the real clock; the scheduler's clock moves past its last report and the lease timeout.
            clock.moveTo(Instant.now().plus(JobEngine.LEASE_TIMEOUT).plusSeconds(5));
            await().atMost(Duration.ofSeconds(30)).until(() -> syncs.execution(sync, execution).get("status").asText().equals("interrupted"));
            assertThat(syncs.execution(sync, execution).get("error").asText()).contains("its worker stopped reporting");

            server("worker");
            clock.advance(Duration.ofMinutes(1));
            await().atMost(Duration.ofMinutes(2)).until(() -> syncs.execution(sync, execution).get("status").asText().equals("completed"));

            JsonNode finished = syncs.execution(sync, execution);
            assertThat(finished.get("records_read").asLong()).as("the resumed attempt re-reads at most one batch")
                    .isBetween((long) ROWS - committed, ROWS - committed + BATCH);
            assertThat(TestingSyncs.count(destination, "events")).isEqualTo(ROWS);
            assertThat(TestingSyncs.checksum(destination, "events")).isEqualTo(TestingSyncs.checksum(source, "events"));
        }
    }

    private TestingServer server(String roles) {
        TestingServer server = new TestingServer(Map.of("DATABASE_URL", metadata.url(), "ROLE", roles, "SECRETS_KEY", secretsKey,
                "SYNC_BATCH_SIZE", Integer.toString(BATCH)), clock);
        open.add(server);
        return server;
    }

    /** The packaged server as a worker container, in its own JVM. */
    private Process worker() throws Exception {
        Path log = work.resolve("worker.log");
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "serve").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        builder.environment().putAll(Map.of("DATABASE_URL", metadata.url(), "ENV", "development", "ROLE", "worker",
                "SECRETS_KEY", secretsKey, "SYNC_BATCH_SIZE", Integer.toString(BATCH), "PORT", Integer.toString(FreePort.find()),
                "DATA_DIR", Files.createDirectories(work.resolve("worker-data")).toString()));
        return builder.start();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
