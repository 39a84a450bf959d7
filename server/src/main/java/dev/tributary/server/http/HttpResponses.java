package dev.tributary.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.protocol.Problem;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.UncheckedIOException;

/** Writes response bodies: JSON, problem documents and plain text. */
public final class HttpResponses {

    private HttpResponses() {}

    public static void json(HttpServerExchange exchange, int status, Object body) {
        send(exchange, status, "application/json", serialize(body));
    }

    public static void problem(HttpServerExchange exchange, Problem problem) {
        send(exchange, problem.status(), Problem.MEDIA_TYPE, serialize(problem));
    }

    public static void text(HttpServerExchange exchange, int status, String body) {
        send(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpServerExchange exchange, int status, String contentType, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body);
    }

    private static String serialize(Object body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
