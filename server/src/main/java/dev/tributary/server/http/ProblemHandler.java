package dev.tributary.server.http;

import dev.tributary.protocol.Problem;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.ErrorType;
import dev.tributary.server.error.TributaryException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into an RFC 9457 problem document. Errors we raised on purpose carry their message;
 * anything else is logged with an id, and the client gets only that id, never a stack trace.
 */
final class ProblemHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final HttpHandler next;

    ProblemHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Throwable failure) {
            if (exchange.isResponseStarted()) {
                log.warn("{} {} failed after the response had started", exchange.getRequestMethod(), exchange.getRequestPath(), failure);
                exchange.endExchange();
                return;
            }
            HttpResponses.problem(exchange, toProblem(exchange, failure));
        }
    }

    static Problem toProblem(HttpServerExchange exchange, Throwable failure) {
        if (failure instanceof TributaryException known && known.code().type() != ErrorType.INTERNAL) {
            if (known.code().type() == ErrorType.EXTERNAL) {
                log.warn("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestPath(), known.getMessage());
            }
            ErrorCode code = known.code();
            return new Problem("about:blank", code.title(), code.httpStatus(), known.getMessage(), known.fieldErrors());
        }
        String errorId = UUID.randomUUID().toString();
        log.error("{} {} failed (error id {})", exchange.getRequestMethod(), exchange.getRequestPath(), errorId, failure);
        return Problem.of(500, ErrorCode.INTERNAL_ERROR.title(),
                "The server failed to handle this request. The error was logged with id " + errorId + "; quote it when reporting the problem.");
    }
}
