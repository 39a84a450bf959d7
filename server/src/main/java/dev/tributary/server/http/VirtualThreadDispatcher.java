package dev.tributary.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.ExecutorService;

/** Moves each request off the I/O thread onto its own virtual thread, where handlers may block freely. */
final class VirtualThreadDispatcher implements HttpHandler {

    private final ExecutorService executor;
    private final HttpHandler next;

    VirtualThreadDispatcher(ExecutorService executor, HttpHandler next) {
        this.executor = executor;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(executor, this);
            return;
        }
        exchange.startBlocking();
        next.handleRequest(exchange);
    }
}
