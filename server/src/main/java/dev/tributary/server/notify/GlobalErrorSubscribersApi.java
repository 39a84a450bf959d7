package dev.tributary.server.notify;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.notify.GlobalErrorSubscribersRequest;
import dev.tributary.protocol.notify.GlobalErrorSubscribersResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/notifications/global-error-subscribers}: members see who is emailed when a sync fails; admins change it. */
public final class GlobalErrorSubscribersApi {

    private final Notifications notifications;
    private final AuditLog audit;

    public GlobalErrorSubscribersApi(Notifications notifications, AuditLog audit) {
        this.notifications = notifications;
        this.audit = audit;
    }

    public void get(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(notifications.subscribers(org))));
    }

    public void replace(HttpServerExchange exchange) {
        GlobalErrorSubscribersRequest request = HttpRequests.json(exchange, GlobalErrorSubscribersRequest.class);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        if (request.emails() == null) {
            throw TributaryException.invalid(List.of(new FieldError("emails",
                    "is required: the list of addresses to email, such as [\"ops@example.com\"]; [] emails nobody.")));
        }
        List<String> emails = notifications.replaceSubscribers(org, request.emails());
        audit.record(Callers.of(exchange), Optional.of(org), "notifications.global_error_subscribers.update", "organization", org,
                Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(emails)));
    }

    private GlobalErrorSubscribersResponse response(List<String> emails) {
        return new GlobalErrorSubscribersResponse(emails, notifications.emailEnabled());
    }
}
