package dev.tributary.server.connect.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.tributary.server.connect.json.JsonValues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on a free local port that records each request and answers with the replies queued, then 200. */
public final class TestingHttpEndpoint implements AutoCloseable {

    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body);
        }
    }

    /**
     * A request as it came: {@code body} parsed as JSON, {@code text} exactly as sent (for signatures over the bytes),
     * {@code path} as sent, still encoded.
     */
    public record Received(String method, Headers headers, JsonNode body, String text, String path) {
        public String idempotencyKey() {
            return headers.getFirst("Idempotency-Key");
        }
    }

    private final HttpServer server;
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public TestingHttpEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders(),
                    request.length == 0 ? null : JsonValues.MAPPER.readTree(request), new String(request, StandardCharsets.UTF_8),
                    exchange.getRequestURI().getRawPath()));
            Reply reply = replies.poll();
            if (reply == null) {
                reply = Reply.of(200, "{}");
            }
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] body = reply.body().replace("{authorization}", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), exchange.getRequestMethod().equals("HEAD") || body.length == 0 ? -1 : body.length);
            if (!exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    /** Queues replies for the next requests; {@code {authorization}} in a body is replaced by the request's Authorization header. */
    public void reply(Reply... next) {
        replies.addAll(List.of(next));
    }

    public List<Received> received() {
        return received;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/records";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
