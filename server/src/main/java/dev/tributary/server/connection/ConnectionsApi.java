package dev.tributary.server.connection;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.connection.ConnectionRequest;
import dev.tributary.protocol.connection.ConnectionResponse;
import dev.tributary.protocol.connection.ConnectionTestRequest;
import dev.tributary.protocol.connection.ConnectionTestResponse;
import dev.tributary.protocol.connection.ConnectionTypeResponse;
import dev.tributary.protocol.connection.SchemaResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Action;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.ConnectorFactory;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.Connection;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/connection_types} and {@code /api/connections}, with each connection's catalog and sample records. */
public final class ConnectionsApi {

    private static final int DEFAULT_SAMPLE = 10;
    private static final int MAX_SAMPLE = 1000;

    private final ConnectionService connections;
    private final AuditLog audit;

    public ConnectionsApi(ConnectionService connections, AuditLog audit) {
        this.connections = connections;
        this.audit = audit;
    }

    public void listTypes(HttpServerExchange exchange) {
        HttpResponses.json(exchange, 200, new ListResponse<>(connections.types().stream().map(type -> type(type, false)).toList(), null));
    }

    public void getType(HttpServerExchange exchange) {
        HttpResponses.json(exchange, 200, new DataResponse<>(type(connections.type(HttpRequests.parameter(exchange, "type")), true)));
    }

    public void list(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new ListResponse<>(connections.list(org).stream().map(this::response).toList(), null));
    }

    public void get(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(connections.get(org, HttpRequests.id(exchange, "connection")))));
    }

    public void create(HttpServerExchange exchange) {
        ConnectionRequest request = HttpRequests.json(exchange, ConnectionRequest.class);
        Caller caller = Callers.of(exchange);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        Connection connection = connections.create(caller, org, change(request));
        audit.record(caller, Optional.of(org), "connection.create", "connection", connection.id(), Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(connection)));
    }

    public void replace(HttpServerExchange exchange) {
        update(exchange, false);
    }

    public void patch(HttpServerExchange exchange) {
        update(exchange, true);
    }

    private void update(HttpServerExchange exchange, boolean merge) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "connection");
        connections.get(org, id);
        ConnectionRequest request = HttpRequests.json(exchange, ConnectionRequest.class);
        Caller caller = Callers.of(exchange);
        Connection connection = connections.update(caller, org, id, change(request), merge);
        audit.record(caller, Optional.of(org), "connection.update", "connection", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(connection)));
    }

    public void delete(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "connection");
        Caller caller = Callers.of(exchange);
        connections.delete(caller, org, id);
        audit.record(caller, Optional.of(org), "connection.delete", "connection", id, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    public void test(HttpServerExchange exchange) {
        ConnectionTestRequest request = HttpRequests.json(exchange, ConnectionTestRequest.class);
        UUID org = Callers.organization(exchange, Optional.empty());
        TestResult result = connections.test(Callers.of(exchange), org, Optional.ofNullable(request.type()),
                request.configuration() == null ? Map.of() : request.configuration(), Optional.ofNullable(request.connectionId()));
        ConnectionTestResponse response = switch (result) {
            case TestResult.Passed passed -> new ConnectionTestResponse(true, null, passed.summary());
            case TestResult.Failed failed -> new ConnectionTestResponse(false, failed.problem().name().toLowerCase(Locale.ROOT), failed.message());
        };
        HttpResponses.json(exchange, 200, new DataResponse<>(response));
    }

    public void schemas(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        Catalog catalog = connections.catalog(org, HttpRequests.id(exchange, "connection"), false);
        HttpResponses.json(exchange, 200, new ListResponse<>(objects(catalog).stream().map(object -> schema(object, false)).toList(), null));
    }

    public void refreshSchemas(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "connection");
        Connection connection = connections.get(org, id);
        connections.permissions().require(Callers.of(exchange), Action.EDIT, org, connection.policies(), "this connection");
        Catalog catalog = connections.catalog(org, id, true);
        HttpResponses.json(exchange, 200, new ListResponse<>(objects(catalog).stream().map(object -> schema(object, false)).toList(), null));
    }

    public void schema(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        ObjectSchema object = object(org, HttpRequests.id(exchange, "connection"), HttpRequests.parameter(exchange, "schema"));
        HttpResponses.json(exchange, 200, new DataResponse<>(schema(object, true)));
    }

    /** A few records of an object, to see what it holds; needs the {@code query} action on the connection. */
    public void records(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "connection");
        Connection connection = connections.get(org, id);
        connections.permissions().require(Callers.of(exchange), Action.QUERY, org, connection.policies(), "this connection");
        ObjectSchema object = object(org, id, HttpRequests.parameter(exchange, "schema"));
        int limit = limit(HttpRequests.parameter(exchange, "limit"));
        List<Map<String, Object>> records = connections.sample(connection, object, limit);
        HttpResponses.json(exchange, 200, new ListResponse<>(records, null));
    }

    private ObjectSchema object(UUID org, UUID connection, String schemaId) {
        int dot = schemaId.indexOf('.');
        Catalog catalog = connections.catalog(org, connection, false);
        return (dot < 0 ? Optional.<ObjectSchema>empty() : catalog.object(schemaId.substring(0, dot), schemaId.substring(dot + 1)))
                .orElseThrow(() -> new TributaryException(ErrorCode.NOT_FOUND, "No object '" + schemaId
                        + "' in this connection; ids are schema.name, listed by GET /api/connections/" + connection
                        + "/schemas (refresh with POST .../schemas/refresh)."));
    }

    private static List<ObjectSchema> objects(Catalog catalog) {
        return catalog.schemas().stream().flatMap(schema -> schema.objects().stream()).toList();
    }

    private static SchemaResponse schema(ObjectSchema object, boolean withFields) {
        return new SchemaResponse(object.schema() + "." + object.name(), object.schema(), object.name(), withFields
                ? object.fields().stream().map(field -> new SchemaResponse.SchemaField(field.name(), field.type().displayName(),
                        field.remoteType(), field.nullable(), field.primaryKey())).toList()
                : null);
    }

    private static int limit(String text) {
        if (text.isEmpty()) {
            return DEFAULT_SAMPLE;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_SAMPLE) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw TributaryException.invalid(List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_SAMPLE + ".")));
    }

    private static ConnectionService.Change change(ConnectionRequest request) {
        return new ConnectionService.Change(Optional.ofNullable(request.name()), Optional.ofNullable(request.type()),
                Optional.ofNullable(request.configuration()), Optional.ofNullable(request.policies()),
                request.validate() == null || request.validate());
    }

    private ConnectionResponse response(Connection connection) {
        String typeName = connections.types().stream().filter(type -> type.id().equals(connection.type()))
                .map(ConnectorFactory::displayName).findFirst().orElse(connection.type());
        return new ConnectionResponse(connection.id(), connection.name(), connection.organizationId(),
                new ConnectionResponse.Type(connection.type(), typeName), connections.shown(connection), connection.status(),
                connection.statusError().orElse(null), connection.policies(), connection.createdAt(), connection.updatedAt());
    }

    private static ConnectionTypeResponse type(ConnectorFactory factory, boolean withSchema) {
        return new ConnectionTypeResponse(factory.id(), factory.displayName(),
                factory.capabilities().stream().map(capability -> capability.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                withSchema ? factory.configSpec().jsonSchema() : null);
    }
}
