package dev.tributary.server.modelsync;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.modelsync.ModelSyncExecutionRequest;
import dev.tributary.protocol.modelsync.ModelSyncExecutionResponse;
import dev.tributary.protocol.modelsync.ModelSyncRequest;
import dev.tributary.protocol.modelsync.ModelSyncResponse;
import dev.tributary.protocol.modelsync.ModelSyncStatusResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.connect.spi.IdentityMatch;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelObjectDetail;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.jobs.Plan;
import dev.tributary.server.store.ModelSync;
import dev.tributary.server.store.ModelSyncExecution;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/syncs}: model syncs and their runs, and what a destination offers them ({@code .../modelsync/...}). */
public final class ModelSyncsApi {

    private final ModelSyncService syncs;
    private final RecordLogs logs;
    private final AuditLog audit;

    public ModelSyncsApi(ModelSyncService syncs, RecordLogs logs, AuditLog audit) {
        this.syncs = syncs;
        this.logs = logs;
        this.audit = audit;
    }

    public void list(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new ListResponse<>(syncs.list(org).stream().map(ModelSyncsApi::response).toList(), null));
    }

    public void get(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(syncs.get(org, HttpRequests.id(exchange, "sync")))));
    }

    public void create(HttpServerExchange exchange) {
        ModelSyncRequest request = HttpRequests.json(exchange, ModelSyncRequest.class);
        Caller caller = Callers.of(exchange);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        ModelSync sync = syncs.create(caller, org, request);
        audit.record(caller, Optional.of(org), "sync.create", "sync", sync.id(), Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(sync)));
    }

    public void replace(HttpServerExchange exchange) {
        update(exchange, false);
    }

    public void patch(HttpServerExchange exchange) {
        update(exchange, true);
    }

    private void update(HttpServerExchange exchange, boolean merge) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "sync");
        syncs.get(org, id);
        ModelSyncRequest request = HttpRequests.json(exchange, ModelSyncRequest.class);
        Caller caller = Callers.of(exchange);
        ModelSync sync = syncs.update(caller, org, id, request, merge);
        audit.record(caller, Optional.of(org), "sync.update", "sync", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(sync)));
    }

    public void delete(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "sync");
        Caller caller = Callers.of(exchange);
        syncs.delete(caller, org, id);
        audit.record(caller, Optional.of(org), "sync.delete", "sync", id, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    /** {@code POST .../activate} with {@code {"active": true|false}}. */
    public void activate(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "sync");
        syncs.get(org, id);
        ActivateRequest request = HttpRequests.jsonOr(exchange, ActivateRequest.class, () -> new ActivateRequest(true));
        Caller caller = Callers.of(exchange);
        ModelSync sync = syncs.activate(caller, org, id, !Boolean.FALSE.equals(request.active()));
        audit.record(caller, Optional.of(org), "sync.activate", "sync", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(sync)));
    }

    record ActivateRequest(Boolean active) {}

    public void start(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "sync");
        syncs.get(org, id);
        ModelSyncExecutionRequest request = HttpRequests.jsonOr(exchange, ModelSyncExecutionRequest.class,
                () -> new ModelSyncExecutionRequest(null, null));
        Caller caller = Callers.of(exchange);
        ModelSyncExecution execution = syncs.start(caller, org, id, Boolean.TRUE.equals(request.resync()), Boolean.TRUE.equals(request.test()));
        audit.record(caller, Optional.of(org), "sync.start", "sync", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(execution)));
    }

    public void cancel(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "sync");
        Caller caller = Callers.of(exchange);
        ModelSyncExecution execution = syncs.cancel(caller, org, id);
        audit.record(caller, Optional.of(org), "sync.cancel", "sync", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 202, new DataResponse<>(response(execution)));
    }

    public void status(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        ModelSyncService.Status status = syncs.status(org, HttpRequests.id(exchange, "sync"));
        HttpResponses.json(exchange, 200, new DataResponse<>(new ModelSyncStatusResponse(
                status.current().map(ModelSyncExecution::status).or(() -> status.last().map(ModelSyncExecution::status)).orElse("never_run"),
                status.current().map(ModelSyncExecution::id).orElse(null), status.last().map(ModelSyncsApi::response).orElse(null),
                status.nextRun().orElse(null))));
    }

    public void executions(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new ListResponse<>(syncs.executions(org, HttpRequests.id(exchange, "sync")).stream()
                .map(ModelSyncsApi::response).toList(), null));
    }

    public void execution(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(syncs.execution(org, HttpRequests.id(exchange, "sync"),
                HttpRequests.id(exchange, "execution")))));
    }

    /**
     * {@code GET .../executions/{execution}/{type}}: a link to one record log of a run (records, inserts, updates,
     * deletes, errors or warnings), valid for an hour.
     */
    public void recordLog(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID sync = HttpRequests.id(exchange, "sync");
        ModelSyncExecution execution = syncs.execution(org, sync, HttpRequests.id(exchange, "execution"));
        RecordLogs.Download download = logs.link(sync, execution.id(), HttpRequests.parameter(exchange, "type"));
        HttpResponses.json(exchange, 200, new DataResponse<>(Map.of("url", download.url().toString(),
                "expires_in_seconds", download.lifetime().toSeconds())));
    }

    /** {@code GET /api/connections/{id}/modelsync/targetobjects}: objects, their modes, and whether they need an identity. */
    public void targetObjects(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        List<Map<String, Object>> objects = syncs.targetObjects(org, HttpRequests.id(exchange, "connection")).stream()
                .map(ModelSyncsApi::object).toList();
        HttpResponses.json(exchange, 200, new ListResponse<>(objects, null));
    }

    /** {@code GET /api/connections/{id}/modelsync/target?target=OBJECT}: the object's fields for the mapping editor. */
    public void targetObject(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        ModelObjectDetail detail = syncs.targetObject(org, HttpRequests.id(exchange, "connection"), HttpRequests.parameter(exchange, "target"));
        Map<String, Object> body = object(detail.object());
        body.put("any_field", detail.anyField());
        body.put("fields", detail.fields().stream().map(field -> Map.of("id", field.field().name(), "name", field.field().name(),
                "type", field.field().type().displayName(), "createable", field.createable(), "updateable", field.updateable(),
                "identity_functions", field.identityMatches().stream().map(match -> match == IdentityMatch.EXACT ? "Equality"
                        : "CaseInsensitiveEquality").sorted().toList())).toList());
        HttpResponses.json(exchange, 200, new DataResponse<>(body));
    }

    private static Map<String, Object> object(ModelObject object) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", object.name());
        body.put("name", object.name());
        body.put("modes", object.modes().stream().map(mode -> Map.of("mode", ModelSyncService.name(mode),
                "requires_identity", mode.requiresIdentity())).toList());
        return body;
    }

    private static ModelSyncResponse response(ModelSync sync) {
        ModelSync.Settings settings = sync.settings();
        ModelSyncService.Mapping mapping = ModelSyncService.mapping(sync);
        return new ModelSyncResponse(sync.id(), sync.organizationId(), settings.name(),
                new ModelSyncRequest.Target(settings.targetConnectionId(), settings.targetObject()), settings.mode(), mapping.identity(),
                mapping.fields(), mapping.filters(), mapping.filterLogic(), mapping.overrides(), Plan.fromJson(settings.schedule()), settings.active(),
                mapping.syncAllRecords(), mapping.skipInitialBackfill(), settings.policies(), sync.createdAt(), sync.updatedAt());
    }

    static ModelSyncExecutionResponse response(ModelSyncExecution execution) {
        ModelSyncExecution.Counts counts = execution.counts();
        return new ModelSyncExecutionResponse(execution.id(), execution.syncId(), execution.status(), execution.test(), execution.resync(),
                counts.total(), counts.inserts(), counts.updates(), counts.upserts(), counts.deletes(), counts.errors(), counts.warnings(), execution.error().orElse(null),
                execution.createdAt(), execution.startedAt().orElse(null), execution.completedAt().orElse(null));
    }
}
