package dev.tributary.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.server.Tributary;
import dev.tributary.server.cli.TributaryCommand;
import dev.tributary.server.config.ConfigLoader;
import dev.tributary.server.testing.FreePort;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingTcpProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /status.txt} against a real PostgreSQL reached through a proxy the test can cut. */
class StatusIT {

    private static final Duration RECOVERY = Duration.ofSeconds(45);

    private final TestingPostgres postgres = new TestingPostgres();
    private final TestingTcpProxy proxy = new TestingTcpProxy(TestingPostgres.HOST, TestingPostgres.PORT);
    private final HttpClient client = HttpClient.newHttpClient();
    private final int port = FreePort.find();
    private Tributary server;

    StatusIT() throws Exception {}

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        proxy.close();
        postgres.close();
    }

    @Test
    void reportsOkThen503WhileTheDatabaseIsAwayAndRecoversByItself() throws Exception {
        server = Tributary.start(ConfigLoader.load(env(Map.of())));
        assertThat(status().statusCode()).isEqualTo(200);
        assertThat(status().body()).isEqualTo("OK\n");

        proxy.cut();
        await().atMost(RECOVERY).until(() -> status().statusCode() == 503);
        assertThat(status().body()).isEqualTo("metadata database unreachable\n");

        proxy.restore();
        await().atMost(RECOVERY).until(() -> status().statusCode() == 200);
    }

    @Test
    void startsWhileTheDatabaseIsDownAndMigratesWhenItComesBack() throws Exception {
        proxy.cut();
        server = Tributary.start(ConfigLoader.load(env(Map.of())));
        assertThat(status().statusCode()).isEqualTo(503);

        proxy.restore();
        await().atMost(RECOVERY).until(() -> status().statusCode() == 200);
    }

    @Test
    void pendingMigrationsWithoutAutoMigrateAre503UntilMigrateRuns() throws Exception {
        Map<String, String> env = env(Map.of("AUTO_MIGRATE", "false"));
        server = Tributary.start(ConfigLoader.load(env));
        HttpResponse<String> pending = status();
        assertThat(pending.statusCode()).isEqualTo(503);
        assertThat(pending.body()).startsWith("database migrations pending");

        StringWriter out = new StringWriter();
        int exit = TributaryCommand.execute(env, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "migrate");
        assertThat(exit).isZero();
        assertThat(out.toString()).containsPattern("^Applied [1-9][0-9]* migrations?; the schema is at version [0-9]+\\.");

        assertThat(status().statusCode()).isEqualTo(200);
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dataDir;

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("DATA_DIR", dataDir.toString());
        env.put("ENV", "development");
        env.put("DATABASE_URL", postgres.url(TestingPostgres.HOST, proxy.port()));
        env.put("PORT", Integer.toString(port));
        return env;
    }

    private HttpResponse<String> status() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status.txt"))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
