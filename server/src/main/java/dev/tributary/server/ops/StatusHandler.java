package dev.tributary.server.ops;

import dev.tributary.server.http.HttpResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /status.txt}: {@code 200 OK} when healthy, {@code 503} with a one-line reason otherwise. */
public final class StatusHandler implements HttpHandler {

    private final HealthCheck health;

    public StatusHandler(HealthCheck health) {
        this.health = health;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        HealthCheck.Status status = health.check();
        HttpResponses.text(exchange, status.ok() ? 200 : 503, status.reason() + "\n");
    }
}
