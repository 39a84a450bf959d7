package dev.tributary.server.http;

import dev.tributary.protocol.Problem;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.ErrorType;
import dev.tributary.server.error.TributaryException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern REFERENCED_FROM = Pattern.compile("referenced from table \"(\\w+)\"");

    /** The table whose rows still point at a row being deleted, when the database refused the delete for that (SQLSTATE 23503). */
    private static Optional<String> referencingTable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())) {
                Matcher table = REFERENCED_FROM.matcher(String.valueOf(sql.getMessage()));
                return Optional.of(table.find() ? table.group(1) : "other objects");
            }
        }
        return Optional.empty();
    }

    static Problem toProblem(HttpServerExchange exchange, Throwable failure) {
        if (failure instanceof TributaryException known && known.code().type() != ErrorType.INTERNAL) {
            if (known.code().type() == ErrorType.EXTERNAL) {
                log.warn("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestPath(), known.getMessage());
            }
            ErrorCode code = known.code();
            return new Problem("about:blank", code.title(), code.httpStatus(), known.getMessage(), known.fieldErrors());
        }
        Optional<String> user = referencingTable(failure);
        if (user.isPresent()) {
            return Problem.of(409, ErrorCode.CONFLICT.title(), "It is still used by " + user.get().replace('_', ' ')
                    + "; delete those (or point them elsewhere) first.");
        }
        String errorId = UUID.randomUUID().toString();
        log.error("{} {} failed (error id {})", exchange.getRequestMethod(), exchange.getRequestPath(), errorId, failure);
        return Problem.of(500, ErrorCode.INTERNAL_ERROR.title(),
                "The server failed to handle this request. The error was logged with id " + errorId + "; quote it when reporting the problem.");
    }
}
