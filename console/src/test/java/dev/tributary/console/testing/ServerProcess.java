package dev.tributary.console.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server jar run as an operator runs it, in a child process: development mode on its embedded
 * PostgreSQL, with a deployment key. The console's tests talk to it over HTTP only, like the console itself.
 */
public final class ServerProcess implements AutoCloseable {

    public static final String KEY = "console-tests-deployment-key-0123456789";
    private static final Path JAR = Path.of(System.getProperty("tributary.server.jar", "../server/target/tributary-server.jar"));
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    private final Process process;
    private final Path log;
    private final int port;

    public ServerProcess() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("No server jar at " + JAR.toAbsolutePath() + ": build it first (./mvnw -pl server -am package -DskipTests).");
        }
        try {
            Path work = Files.createTempDirectory("tributary-console-it");
            log = work.resolve("server.log");
            port = freePort();
            ProcessBuilder builder = new ProcessBuilder(JAVA, "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-jar",
                    JAR.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.equals("DATABASE_URL") || name.equals("ENV") || name.equals("REDIS_URL"));
            builder.environment().put("DATA_DIR", work.resolve("data").toString());
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().put("DEPLOYMENT_API_KEY", KEY);
            builder.environment().put("LOG_FILE", work.resolve("server.jsonl").toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                return client.send(HttpRequest.newBuilder(URI.create(url() + "/status.txt")).build(), HttpResponse.BodyHandlers.ofString())
                        .body().strip().equals("OK");
            } catch (IOException e) {
                return false;
            }
        });
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Development mode's one-time sign-in link for ROOT_USER, as printed in the log. */
    public URI oneTimeLink() {
        Matcher link = Pattern.compile("one-time link .*?: http://localhost:\\d+(/auth/local\\?token=\\S+)").matcher(log());
        if (!link.find()) {
            throw new AssertionError("No one-time link in the server log:\n" + log());
        }
        return URI.create(url() + link.group(1));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
