package dev.tributary.server.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.bulk.BulkExecutionRequest;
import dev.tributary.protocol.bulk.BulkExecutionResponse;
import dev.tributary.protocol.bulk.BulkSchema;
import dev.tributary.protocol.bulk.BulkSyncRequest;
import dev.tributary.protocol.bulk.BulkSyncResponse;
import dev.tributary.protocol.bulk.BulkSyncStatusResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.http.Json;
import dev.tributary.server.jobs.Plan;
import dev.tributary.server.store.BulkSync;
import dev.tributary.server.store.BulkSyncExecution;
import io.undertow.server.HttpServerExchange;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/bulk/syncs}: bulk syncs, their table selection, and their runs. */
public final class BulkSyncsApi {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<List<BulkExecutionResponse.Table>> TABLES = new TypeReference<>() {};

    private final BulkSyncService syncs;
    private final AuditLog audit;

    public BulkSyncsApi(BulkSyncService syncs, AuditLog audit) {
        this.syncs = syncs;
        this.audit = audit;
    }

    public void list(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new ListResponse<>(syncs.list(org).stream().map(BulkSyncsApi::response).toList(), null));
    }

    public void get(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(syncs.get(org, HttpRequests.id(exchange, "sync")))));
    }

    public void create(HttpServerExchange exchange) {
        BulkSyncRequest request = HttpRequests.json(exchange, BulkSyncRequest.class);
        Caller caller = Callers.of(exchange);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        BulkSync sync = syncs.create(caller, org, request);
        audit.record(caller, Optional.of(org), "bulk_sync.create", "bulk_sync", sync.id(), Outcome.SUCCESS);
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
        BulkSyncRequest request = HttpRequests.json(exchange, BulkSyncRequest.class);
        Caller caller = Callers.of(exchange);
        BulkSync sync = syncs.update(caller, org, id, request, merge);
        audit.record(caller, Optional.of(org), "bulk_sync.update", "bulk_sync", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(sync)));
    }

    public void delete(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "sync");
        Caller caller = Callers.of(exchange);
        syncs.delete(caller, org, id);
        audit.record(caller, Optional.of(org), "bulk_sync.delete", "bulk_sync", id, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    /** {@code GET .../schemas}: the table selection. */
    public void schemas(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        BulkSync sync = syncs.get(org, HttpRequests.id(exchange, "sync"));
        HttpResponses.json(exchange, 200, new ListResponse<>(BulkSchemas.read(sync.settings().schemas()), null));
    }

    /** {@code PATCH .../schemas}: replaces the table selection. */
    public void updateSchemas(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "sync");
        syncs.get(org, id);
        SchemasRequest request = HttpRequests.json(exchange, SchemasRequest.class);
        Caller caller = Callers.of(exchange);
        BulkSync sync = syncs.update(caller, org, id, new BulkSyncRequest(null, null, null, null, null, request.schemas(), null, null, null,
                null, null, null, null, null), true);
        audit.record(caller, Optional.of(org), "bulk_sync.update", "bulk_sync", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new ListResponse<>(BulkSchemas.read(sync.settings().schemas()), null));
    }

    /** The body of {@code PATCH .../schemas}. */
    record SchemasRequest(List<BulkSchema> schemas) {}

    public void start(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "sync");
        syncs.get(org, id);
        BulkExecutionRequest request = HttpRequests.jsonOr(exchange, BulkExecutionRequest.class, () -> new BulkExecutionRequest(null, null));
        Caller caller = Callers.of(exchange);
        BulkSyncExecution execution = syncs.start(caller, org, id, Boolean.TRUE.equals(request.resync()), Optional.ofNullable(request.schemas()));
        audit.record(caller, Optional.of(org), "bulk_sync.start", "bulk_sync", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(execution)));
    }

    public void cancel(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "sync");
        Caller caller = Callers.of(exchange);
        BulkSyncExecution execution = syncs.cancel(caller, org, id);
        audit.record(caller, Optional.of(org), "bulk_sync.cancel", "bulk_sync", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 202, new DataResponse<>(response(execution)));
    }

    public void status(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        BulkSyncService.Status status = syncs.status(org, HttpRequests.id(exchange, "sync"));
        HttpResponses.json(exchange, 200, new DataResponse<>(new BulkSyncStatusResponse(
                status.current().map(BulkSyncExecution::status).or(() -> status.last().map(BulkSyncExecution::status)).orElse("never_run"),
                status.current().map(BulkSyncExecution::id).orElse(null), status.last().map(BulkSyncsApi::response).orElse(null),
                status.nextRun().orElse(null))));
    }

    public void executions(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new ListResponse<>(syncs.executions(org, HttpRequests.id(exchange, "sync")).stream()
                .map(BulkSyncsApi::response).toList(), null));
    }

    public void execution(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(syncs.execution(org, HttpRequests.id(exchange, "sync"),
                HttpRequests.id(exchange, "execution")))));
    }

    private static BulkSyncResponse response(BulkSync sync) {
        BulkSync.Settings settings = sync.settings();
        return new BulkSyncResponse(sync.id(), settings.name(), sync.organizationId(), settings.mode(), settings.sourceConnectionId(),
                settings.destinationConnectionId(), parse(settings.destinationConfiguration(), MAP), BulkSchemas.read(settings.schemas()),
                settings.automaticallyAddNewFields(), settings.automaticallyAddNewObjects(), settings.normalizeNames(), settings.concurrencyLimit(),
                settings.active(), settings.policies(),
                Plan.fromJson(settings.schedule()), sync.createdAt(), sync.updatedAt());
    }

    static BulkExecutionResponse response(BulkSyncExecution execution) {
        return new BulkExecutionResponse(execution.id(), execution.bulkSyncId(), execution.status(), execution.resync(), execution.recordsRead(),
                execution.recordsWritten(), execution.recordsErrored(), parse(execution.tables(), TABLES), execution.error().orElse(null),
                execution.createdAt(), execution.startedAt().orElse(null), execution.completedAt().orElse(null));
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
