package dev.tributary.server.http;

import dev.tributary.protocol.Problem;
import dev.tributary.server.error.ErrorCode;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.PathTemplateMatcher;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server. Its handler chain is composed here and only here, outermost first: graceful shutdown,
 * virtual-thread dispatch, the observer (request ids, traces, metrics), problem documents for every error, the gate (who is calling, CORS), then the route table,
 * each route behind the gate's access check.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final ExecutorService executor;

    private HttpServer(Undertow undertow, GracefulShutdownHandler graceful, ExecutorService executor) {
        this.undertow = undertow;
        this.graceful = graceful;
        this.executor = executor;
    }

    /** Listens on {@code host:port} (port 0 picks a free one) and serves the given routes. */
    public static HttpServer start(String host, int port, List<Route> routes, Gate gate) {
        return start(host, port, routes, gate, Observer.NONE);
    }

    public static HttpServer start(String host, int port, List<Route> routes, Gate gate, Observer observer) {
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-", 0).factory());
        GracefulShutdownHandler graceful = new GracefulShutdownHandler(
                new VirtualThreadDispatcher(executor, observer.observe(new ProblemHandler(gate.identify(router(routes, gate))))));
        Undertow undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_REQUEST_BYTES)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                .setHandler(graceful)
                .build();
        undertow.start();
        HttpServer server = new HttpServer(undertow, graceful, executor);
        log.info("Listening on http://{}:{}", host, server.port());
        return server;
    }

    private static HttpHandler router(List<Route> routes, Gate gate) {
        RoutingHandler router = new RoutingHandler();
        routes.forEach(route -> router.add(route.method(), route.path(), gate.guard(route)));
        HttpHandler notFound = exchange -> HttpResponses.problem(exchange, Problem.of(404, ErrorCode.NOT_FOUND.title(),
                "No resource at " + exchange.getRequestPath() + "; the API lives under /api."));
        router.setFallbackHandler(notFound);
        // The UI's GET /* matches every path, so another method on an unknown path is a 404, not a 405.
        PathTemplateMatcher<Boolean> resources = new PathTemplateMatcher<>();
        routes.stream().map(Route::path).filter(path -> !path.endsWith("*")).distinct().forEach(path -> resources.add(path, true));
        router.setInvalidMethodHandler(exchange -> {
            if (resources.match(exchange.getRelativePath()) == null) {
                notFound.handleRequest(exchange);
            } else {
                HttpResponses.problem(exchange, Problem.of(405, ErrorCode.METHOD_NOT_ALLOWED.title(),
                        exchange.getRequestMethod() + " is not supported on " + exchange.getRequestPath() + "."));
            }
        });
        return router;
    }

    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    /** Stops accepting new requests, lets in-flight ones finish (up to {@code grace}), then closes the listener. */
    public void shutdown(Duration grace) {
        graceful.shutdown();
        try {
            if (!graceful.awaitShutdown(grace.toMillis())) {
                log.warn("Requests still running after {}s; closing anyway", grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        executor.shutdownNow();
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
