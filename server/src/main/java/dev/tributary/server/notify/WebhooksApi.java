package dev.tributary.server.notify;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.notify.WebhookRequest;
import dev.tributary.protocol.notify.WebhookResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.Webhook;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/webhooks}: admins add, change, pause and remove the endpoints that receive events. Secrets are never shown. */
public final class WebhooksApi {

    private final Webhooks webhooks;
    private final AuditLog audit;

    public WebhooksApi(Webhooks webhooks, AuditLog audit) {
        this.webhooks = webhooks;
        this.audit = audit;
    }

    public void list(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new ListResponse<>(webhooks.list(org).stream().map(WebhooksApi::response).toList(), null));
    }

    public void get(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(webhooks.get(org, HttpRequests.id(exchange, "webhook")))));
    }

    public void create(HttpServerExchange exchange) {
        WebhookRequest request = HttpRequests.json(exchange, WebhookRequest.class);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        Webhook webhook = webhooks.create(org, Optional.ofNullable(request.endpoint()), Optional.ofNullable(request.secret()));
        audit.record(Callers.of(exchange), Optional.of(org), "webhook.create", "webhook", webhook.id(), Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(webhook)));
    }

    public void update(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "webhook");
        webhooks.get(org, id);
        WebhookRequest request = HttpRequests.json(exchange, WebhookRequest.class);
        Webhook webhook = webhooks.update(org, id, Optional.ofNullable(request.endpoint()), Optional.ofNullable(request.secret()));
        audit.record(Callers.of(exchange), Optional.of(org), "webhook.update", "webhook", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(webhook)));
    }

    public void delete(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "webhook");
        webhooks.delete(org, id);
        audit.record(Callers.of(exchange), Optional.of(org), "webhook.delete", "webhook", id, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    public void disable(HttpServerExchange exchange) {
        pause(exchange, true);
    }

    public void enable(HttpServerExchange exchange) {
        pause(exchange, false);
    }

    private void pause(HttpServerExchange exchange, boolean paused) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "webhook");
        Webhook webhook = webhooks.pause(org, id, paused);
        audit.record(Callers.of(exchange), Optional.of(org), paused ? "webhook.disable" : "webhook.enable", "webhook", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(webhook)));
    }

    private static WebhookResponse response(Webhook webhook) {
        return new WebhookResponse(webhook.id(), webhook.organizationId(), webhook.endpoint(), webhook.paused(), webhook.createdAt(),
                webhook.updatedAt());
    }
}
