package dev.tributary.server.http;

import io.undertow.server.HttpHandler;
import java.util.Objects;

/**
 * One entry of the route table.
 *
 * @param method the HTTP method
 * @param path a path template such as {@code /api/syncs/{id}}
 * @param access what the caller needs
 * @param summary one line for the API documentation
 * @param handler runs on a virtual thread, so it may block
 */
public record Route(String method, String path, Access access, String summary, HttpHandler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route get(String path, Access access, String summary, HttpHandler handler) {
        return new Route("GET", path, access, summary, handler);
    }

    public static Route post(String path, Access access, String summary, HttpHandler handler) {
        return new Route("POST", path, access, summary, handler);
    }

    public static Route put(String path, Access access, String summary, HttpHandler handler) {
        return new Route("PUT", path, access, summary, handler);
    }

    public static Route patch(String path, Access access, String summary, HttpHandler handler) {
        return new Route("PATCH", path, access, summary, handler);
    }

    public static Route delete(String path, Access access, String summary, HttpHandler handler) {
        return new Route("DELETE", path, access, summary, handler);
    }

    /** Whether the route changes state, and so needs a CSRF token when called with a session cookie. */
    public boolean changesState() {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }
}
