package dev.tributary.console.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Asks a Tributary server whether it is up, through its public {@code /status.txt}: the first thing the console
 * does with a server URL, so that a wrong address, a TLS problem or an unhealthy server is explained in words.
 */
public final class ServerProbe {

    private final HttpClient client;
    private final Duration timeout;

    public ServerProbe(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** What a probe found. */
    public sealed interface Result {
        /** The server answered {@code OK}. */
        record Healthy() implements Result {}

        /** The server answered, but is not ready; {@code reason} is its own one-line explanation. */
        record Unhealthy(int status, String reason) implements Result {}

        /** No answer; {@code explanation} says what to check. */
        record Unreachable(String explanation) implements Result {}
    }

    public Result probe(URI server) {
        URI status = server.resolve("/status.txt");
        HttpRequest request = HttpRequest.newBuilder(status).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body().strip();
            return response.statusCode() == 200 && body.equals("OK")
                    ? new Result.Healthy()
                    : new Result.Unhealthy(response.statusCode(), body.isEmpty() ? "HTTP " + response.statusCode() : body);
        } catch (IOException e) {
            return new Result.Unreachable(Connections.explain(server, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Unreachable("Interrupted while contacting " + Connections.hostAndPort(server) + ".");
        }
    }
}
