package dev.tributary.server.notify;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.notify.Notifications.EventPage;
import dev.tributary.server.notify.Notifications.EventQuery;
import dev.tributary.server.notify.Notifications.PageToken;
import io.undertow.server.HttpServerExchange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/events}: the organization's events of the last 48 hours, newest first (by creation time, then id),
 * filtered by {@code type}, {@code starting_after} and {@code ending_before} (RFC 3339 times, both exclusive), paged with
 * {@code limit} (1 to 100, default 10) and {@code page_token}. {@code GET /api/events_types} lists the types.
 */
public final class EventsApi {

    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private final Notifications notifications;

    public EventsApi(Notifications notifications) {
        this.notifications = notifications;
    }

    public void types(HttpServerExchange exchange) {
        HttpResponses.json(exchange, 200, new DataResponse<>(EventType.ids()));
    }

    public void list(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        List<FieldError> errors = new ArrayList<>();
        Optional<EventType> type = type(HttpRequests.parameter(exchange, "type"), errors);
        Optional<Instant> startingAfter = time(exchange, "starting_after", errors);
        Optional<Instant> endingBefore = time(exchange, "ending_before", errors);
        int limit = limit(HttpRequests.parameter(exchange, "limit"), errors);
        Optional<PageToken> after = pageToken(HttpRequests.parameter(exchange, "page_token"), errors);
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
        EventPage page = notifications.events(org, new EventQuery(type, startingAfter, endingBefore, after, limit));
        HttpResponses.json(exchange, 200, new ListResponse<>(page.events(), new ListResponse.Pagination(page.nextPageToken().orElse(null))));
    }

    private static Optional<EventType> type(String text, List<FieldError> errors) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<EventType> type = EventType.of(text);
        if (type.isEmpty()) {
            errors.add(new FieldError("type", "'" + text + "' is not an event type; GET /api/events_types lists them."));
        }
        return type;
    }

    private static Optional<Instant> time(HttpServerExchange exchange, String name, List<FieldError> errors) {
        String text = HttpRequests.parameter(exchange, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "'" + text + "' is not an RFC 3339 time such as 2025-01-31T09:30:00Z."));
            return Optional.empty();
        }
    }

    private static Optional<PageToken> pageToken(String text, List<FieldError> errors) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<PageToken> token = PageToken.decode(text);
        if (token.isEmpty()) {
            errors.add(new FieldError("page_token", "is not a token from a previous page of this list; pass pagination.next_page_token unchanged."));
        }
        return token;
    }

    private static int limit(String text, List<FieldError> errors) {
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
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT + "."));
        return DEFAULT_LIMIT;
    }
}
