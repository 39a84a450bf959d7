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

    /** A small page for the browser routes (sign-in), with the message escaped. */
    public static void page(HttpServerExchange exchange, int status, String title, String message) {
        html(exchange, status, title, "<p>" + escape(message) + "</p><p><a href=\"/auth/login\">Sign in</a></p>");
    }

    /** A small page around a body of HTML that the caller has escaped. */
    public static void html(HttpServerExchange exchange, int status, String title, String body) {
        send(exchange, status, "text/html; charset=utf-8", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + escape(title) + " - Tributary</title></head><body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto\">"
                + "<h1>" + escape(title) + "</h1>" + body + "</body></html>");
    }

    public static void redirect(HttpServerExchange exchange, String location) {
        exchange.setStatusCode(302);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.endExchange();
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
