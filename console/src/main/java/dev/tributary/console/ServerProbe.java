package dev.tributary.console;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLException;

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
        } catch (SSLException e) {
            return new Result.Unreachable("The TLS handshake with " + server.getHost() + " failed (" + e.getMessage()
                    + "). Check that the server's certificate is valid for this host name and trusted by this computer.");
        } catch (HttpConnectTimeoutException e) {
            return new Result.Unreachable("No answer from " + hostAndPort(server) + " within " + timeout.toSeconds()
                    + " s. Check the address and any firewall or VPN between here and the server.");
        } catch (ConnectException e) {
            return new Result.Unreachable("Nothing is listening at " + hostAndPort(server)
                    + ". Check the address and port, and that the server is running.");
        } catch (IOException e) {
            return new Result.Unreachable("Could not reach " + hostAndPort(server) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Unreachable("Interrupted while contacting " + hostAndPort(server) + ".");
        }
    }

    private static String hostAndPort(URI server) {
        int port = server.getPort() >= 0 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        return server.getHost() + ":" + port;
    }
}
