package dev.tributary.server.query;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.query.QueryExportRequest;
import dev.tributary.protocol.query.QueryExportResponse;
import dev.tributary.protocol.query.QueryRequest;
import dev.tributary.protocol.query.QueryResponse;
import dev.tributary.protocol.query.QueryResultsResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.QueryRun;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** {@code POST /api/connections/{id}/query} and {@code /api/queries/{id}}: the SQL runner, its results and their exports. */
public final class QueriesApi {

    private final QueryService queries;
    private final AuditLog audit;

    public QueriesApi(QueryService queries, AuditLog audit) {
        this.queries = queries;
        this.audit = audit;
    }

    public void start(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        QueryRequest request = HttpRequests.json(exchange, QueryRequest.class);
        QueryRun run = queries.start(Callers.of(exchange), org, HttpRequests.id(exchange, "connection"), request.query());
        HttpResponses.json(exchange, 202, new DataResponse<>(response(run, List.of(), List.of())));
    }

    public void get(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        QueryService.Page page = queries.page(Callers.of(exchange), org, HttpRequests.id(exchange, "query"),
                page(HttpRequests.parameter(exchange, "page")));
        HttpResponses.json(exchange, 200, new QueryResultsResponse(response(page.run(), page.fields(), List.copyOf(page.rows())),
                new QueryResultsResponse.Pagination(page.page(), page.pages(), page.page() < page.pages() ? page.page() + 1 : null)));
    }

    public void cancel(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        QueryRun run = queries.cancel(Callers.of(exchange), org, HttpRequests.id(exchange, "query"));
        HttpResponses.json(exchange, 200, new DataResponse<>(response(run, List.of(), List.of())));
    }

    public void export(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "query");
        Caller caller = Callers.of(exchange);
        QueryExportRequest request = HttpRequests.jsonOr(exchange, QueryExportRequest.class, () -> new QueryExportRequest(null));
        QueryService.Export export = queries.export(caller, org, id, request.format());
        audit.record(caller, Optional.of(org), "query.export", "query", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(new QueryExportResponse(export.id(), export.queryId(), export.format(), "completed",
                export.rows(), export.bytes(), export.url().toString(), export.expiresAt())));
    }

    private static int page(String text) {
        if (text.isEmpty()) {
            return 1;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw TributaryException.invalid(List.of(new FieldError("page", "must be a whole number from 1.")));
        }
    }

    private static QueryResponse response(QueryRun run, List<QueryResponse.Field> fields, List<Object> rows) {
        return new QueryResponse(run.id(), run.connectionId().orElse(null), run.query(), run.status().name().toLowerCase(Locale.ROOT),
                fields, rows, run.rowCount(), run.truncated(), run.error().orElse(null), run.createdAt(), run.completedAt().orElse(null),
                run.expiresAt());
    }
}
