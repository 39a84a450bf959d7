package dev.tributary.server.modelsync;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.modelsync.ModelPreviewRequest;
import dev.tributary.protocol.modelsync.ModelPreviewResponse;
import dev.tributary.protocol.modelsync.ModelRequest;
import dev.tributary.protocol.modelsync.ModelResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.Model;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/models} and {@code /api/model-preview}: models, their fields and their first records. */
public final class ModelsApi {

    private static final int DEFAULT_SAMPLE = 10;

    private final ModelService models;
    private final AuditLog audit;

    public ModelsApi(ModelService models, AuditLog audit) {
        this.models = models;
        this.audit = audit;
    }

    public void list(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new ListResponse<>(models.list(org).stream().map(ModelsApi::response).toList(), null));
    }

    public void get(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(models.get(org, HttpRequests.id(exchange, "model")))));
    }

    public void create(HttpServerExchange exchange) {
        ModelRequest request = HttpRequests.json(exchange, ModelRequest.class);
        Caller caller = Callers.of(exchange);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        Model model = models.create(caller, org, request);
        audit.record(caller, Optional.of(org), "model.create", "model", model.id(), Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(model)));
    }

    public void replace(HttpServerExchange exchange) {
        update(exchange, false);
    }

    public void patch(HttpServerExchange exchange) {
        update(exchange, true);
    }

    private void update(HttpServerExchange exchange, boolean merge) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "model");
        models.get(org, id);
        ModelRequest request = HttpRequests.json(exchange, ModelRequest.class);
        Caller caller = Callers.of(exchange);
        Model model = models.update(caller, org, id, request, merge);
        audit.record(caller, Optional.of(org), "model.update", "model", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(model)));
    }

    public void delete(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "model");
        Caller caller = Callers.of(exchange);
        models.delete(caller, org, id);
        audit.record(caller, Optional.of(org), "model.delete", "model", id, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    /** {@code POST /api/model-preview}: a configuration's fields and first records, without saving a model. */
    public void preview(HttpServerExchange exchange) {
        ModelPreviewRequest request = HttpRequests.json(exchange, ModelPreviewRequest.class);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        ModelPreviewResponse preview = models.preview(Callers.of(exchange), org, Optional.ofNullable(request.connectionId()),
                Optional.ofNullable(request.configuration()).orElse(Map.of()), Optional.ofNullable(request.limit()).orElse(DEFAULT_SAMPLE));
        HttpResponses.json(exchange, 200, new DataResponse<>(preview));
    }

    /** {@code GET /api/models/{id}/sample?limit=N}: a saved model's first records. */
    public void sample(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        Model model = models.get(org, HttpRequests.id(exchange, "model"));
        ModelPreviewResponse preview = models.preview(Callers.of(exchange), org, Optional.of(model.settings().connectionId()),
                ModelService.configuration(model), limit(HttpRequests.parameter(exchange, "limit")));
        HttpResponses.json(exchange, 200, new DataResponse<>(preview));
    }

    private static int limit(String text) {
        if (text.isEmpty()) {
            return DEFAULT_SAMPLE;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw TributaryException.invalid(List.of(new FieldError("limit", "must be a whole number from 1 to 1000.")));
        }
    }

    private static ModelResponse response(Model model) {
        Model.Settings settings = model.settings();
        return new ModelResponse(model.id(), model.organizationId(), settings.name(), settings.connectionId(), ModelService.configuration(model),
                ModelService.fields(model), settings.identifier().orElse(null), settings.trackingColumns(), settings.labels(), settings.policies(),
                model.createdAt(), model.updatedAt());
    }
}
