package dev.tributary.console.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerProbeTest {

    private final AtomicReference<String> body = new AtomicReference<>("OK\n");
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final HttpServer server;
    private final ServerProbe probe = new ServerProbe(HttpClient.newHttpClient(), Duration.ofSeconds(5));

    ServerProbeTest() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/status.txt", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aServerAnsweringOkIsHealthy() {
        assertThat(probe.probe(base())).isInstanceOf(ServerProbe.Result.Healthy.class);
    }

    @Test
    void aServerAnswering503IsUnhealthyWithItsOwnReason() {
        status.set(503);
        body.set("metadata database unreachable\n");

        assertThat(probe.probe(base())).isEqualTo(new ServerProbe.Result.Unhealthy(503, "metadata database unreachable"));
    }

    @Test
    void aClosedPortIsExplained() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ServerProbe.Result result = probe.probe(URI.create("http://127.0.0.1:" + closedPort));

        assertThat(result).isInstanceOfSatisfying(ServerProbe.Result.Unreachable.class, unreachable ->
                assertThat(unreachable.explanation()).contains("Nothing is listening at 127.0.0.1:" + closedPort));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/some/path/");
    }
}
