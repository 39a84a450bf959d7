package dev.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.server.testing.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run as an operator runs it: a separate process, configured only by environment variables,
 * stopped with SIGTERM. Runs on the embedded default (development mode, no DATABASE_URL).
 */
class ServerProcessIT {

    private static final Path JAR = Path.of("target", "tributary-server.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    @TempDir
    Path work;

    private final int port = FreePort.find();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void embeddedDefaultServesStatusStopsOnSigtermWithExit0AndKeepsDataAcrossRestarts() throws Exception {
        Process server = serve("first-run.log");
        awaitOk(server, "first-run.log");

        signInWithTheOneTimeLink(log("first-run.log"));

        Cli provision = cli("workspaces", "provision", "--name", "Acme", "--users", "ada@acme.com");
        assertThat(provision.exit()).as(provision.output()).isZero();
        assertThat(provision.output()).contains("Created workspace 'Acme'");

        assertThat(stop(server)).as(log("first-run.log")).isZero();
        assertThat(log("first-run.log")).contains("DEVELOPMENT MODE", "Stopped");

        Process again = serve("second-run.log");
        awaitOk(again, "second-run.log");
        Cli list = cli("workspaces", "list");
        assertThat(list.output()).contains("Acme");
        assertThat(stop(again)).as(log("second-run.log")).isZero();
    }

    /** Development mode prints a one-time link that signs ROOT_USER in, once. */
    private void signInWithTheOneTimeLink(String log) throws Exception {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("one-time link .*?: http://localhost:\\d+(/auth/local\\?token=\\S+)").matcher(log);
        assertThat(link.find()).as(log).isTrue();
        URI uri = URI.create("http://127.0.0.1:" + port + link.group(1));

        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = signedIn.headers().allValues("set-cookie").stream().filter(header -> header.startsWith("tributary_session="))
                .map(header -> header.substring(0, header.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> me = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/me"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.body()).contains("\"email\":\"admin@localhost\"", "\"role\":\"admin\"");
        assertThat(again.statusCode()).as("the link works once").isEqualTo(400);
    }

    @Test
    void configCheckInAnEmptyProductionEnvironmentExits2() throws Exception {
        Cli check = run(Map.of("ENV", "production"), "config", "check");

        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.output()).contains("DATABASE_URL is required in production", "ROOT_USER is required in production");
    }

    private Process serve(String logName) throws IOException {
        ProcessBuilder builder = command(env(), List.of());
        builder.redirectErrorStream(true).redirectOutput(work.resolve(logName).toFile());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void awaitOk(Process server, String logName) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(server.isAlive()).as("server exited early:%n%s", log(logName)).isTrue();
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status.txt")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().equals("OK\n");
            } catch (IOException notListeningYet) {
                return false;
            }
        });
    }

    /** Sends SIGTERM and returns the exit status, which must come within 30 seconds. */
    private static int stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s of SIGTERM").isTrue();
        return process.exitValue();
    }

    private Cli cli(String... args) throws Exception {
        return run(env(), args);
    }

    private Cli run(Map<String, String> env, String... args) throws Exception {
        Path output = Files.createTempFile(work, "cli", ".log");
        Process process = command(env, List.of(args)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(process);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Cli(process.exitValue(), Files.readString(output));
    }

    private Map<String, String> env() {
        return Map.of("DATA_DIR", work.resolve("data").toString(), "PORT", Integer.toString(port));
    }

    private ProcessBuilder command(Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        builder.environment().putAll(env);
        return builder;
    }

    private String log(String name) throws IOException {
        Path file = work.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private record Cli(int exit, String output) {}
}
