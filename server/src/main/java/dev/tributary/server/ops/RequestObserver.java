package dev.tributary.server.ops;

import dev.tributary.server.http.Observer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is a plain token, else a new one), returned in
 * the response and put on every log line of the request; wraps the request in a span named after its route template;
 * counts it by route template and status. Templates, not paths, so that ids in paths make neither new series nor data.
 */
public final class RequestObserver implements Observer {

    /** The logging context key (MDC) of the request id. */
    public static final String REQUEST_ID = "request_id";
    private static final HttpString HEADER = new HttpString("X-Request-Id");
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String UNMATCHED = "unmatched";

    private final Tracer tracer;
    private final Metrics metrics;

    public RequestObserver(Tracer tracer, Metrics metrics) {
        this.tracer = tracer;
        this.metrics = metrics;
    }

    @Override
    public HttpHandler observe(HttpHandler next) {
        return exchange -> {
            long start = System.nanoTime();
            String given = exchange.getRequestHeaders().getFirst(HEADER);
            String id = given != null && ACCEPTED_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
            exchange.getResponseHeaders().put(HEADER, id);
            String method = exchange.getRequestMethod().toString();
            Span span = tracer.spanBuilder(method).setSpanKind(SpanKind.SERVER).setAttribute("http.request.method", method)
                    .setAttribute(REQUEST_ID, id).startSpan();
            exchange.addExchangeCompleteListener((done, nextListener) -> {
                try {
                    ended(done, span, method, Duration.ofNanos(System.nanoTime() - start));
                } finally {
                    nextListener.proceed();
                }
            });
            try (Scope scope = span.makeCurrent(); MDC.MDCCloseable logged = MDC.putCloseable(REQUEST_ID, id)) {
                next.handleRequest(exchange);
            }
        };
    }

    private void ended(HttpServerExchange exchange, Span span, String method, Duration took) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String route = match == null ? UNMATCHED : match.getMatchedTemplate();
        int status = exchange.getStatusCode();
        span.updateName(method + " " + route);
        span.setAttribute("http.route", route);
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
        metrics.request(method, route, status, took);
    }
}
