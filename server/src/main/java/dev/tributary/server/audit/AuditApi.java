package dev.tributary.server.audit;

import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.identity.AuditEventResponse;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.AuditEvent;
import io.undertow.server.HttpServerExchange;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code GET /api/audit}: the organization's audit log, newest first, for admins. */
public final class AuditApi {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AuditLog audit;

    public AuditApi(AuditLog audit) {
        this.audit = audit;
    }

    public void list(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        int limit = limit(HttpRequests.parameter(exchange, "limit"));
        Optional<Instant> before = pageToken(HttpRequests.parameter(exchange, "page_token"));
        List<AuditEvent> events = audit.list(org, before, limit);
        String next = events.size() == limit ? events.getLast().at().toString() : null;
        HttpResponses.json(exchange, 200, new ListResponse<>(events.stream().map(AuditApi::response).toList(),
                new ListResponse.Pagination(next)));
    }

    private static int limit(String text) {
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw TributaryException.invalid(List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT + ".")));
    }

    private static Optional<Instant> pageToken(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw TributaryException.invalid(List.of(new FieldError("page_token", "is not a token from a previous page of this list.")));
        }
    }

    private static AuditEventResponse response(AuditEvent event) {
        return new AuditEventResponse(event.id(), event.at(), event.actor(), event.action(), event.targetType(), event.targetId(),
                event.outcome(), event.detail());
    }
}
