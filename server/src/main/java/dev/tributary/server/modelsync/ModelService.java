package dev.tributary.server.modelsync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.modelsync.ModelField;
import dev.tributary.protocol.modelsync.ModelPreviewResponse;
import dev.tributary.protocol.modelsync.ModelRequest;
import dev.tributary.server.auth.Action;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Permissions;
import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.Cancellation;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.QueryCursor;
import dev.tributary.server.connect.spi.QueryLimits;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connection.ConnectionService;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.Json;
import dev.tributary.server.http.Merge;
import dev.tributary.server.store.Connection;
import dev.tributary.server.store.Model;
import dev.tributary.server.store.Store;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Models: which rows of a connection model syncs send. Saving a model checks its source against the connection's
 * catalog and keeps the fields found, so that syncs can map them.
 */
public final class ModelService {

    private static final TypeReference<List<ModelField>> FIELDS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final int MAX_SAMPLE = 1000;
    private static final java.time.Duration PREVIEW_TIMEOUT = java.time.Duration.ofSeconds(60);
    /** A sync reads its whole model; it may take long, and the run can be canceled meanwhile. */
    private static final java.time.Duration SYNC_QUERY_TIMEOUT = java.time.Duration.ofHours(12);

    private final Store store;
    private final ConnectionService connections;
    private final Permissions permissions;
    private final Clock clock;

    public ModelService(Store store, ConnectionService connections, Permissions permissions, Clock clock) {
        this.store = store;
        this.connections = connections;
        this.permissions = permissions;
        this.clock = clock;
    }

    public List<Model> list(UUID organizationId) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from Model m where m.organizationId = :org order by m.createdAt", Model.class)
                .setParameter("org", organizationId)
                .getResultList());
    }

    public Model get(UUID organizationId, UUID id) {
        return store.inTransaction(session -> Optional.ofNullable(session.find(Model.class, id)))
                .filter(model -> model.organizationId().equals(organizationId))
                .orElseThrow(() -> new TributaryException(ErrorCode.NOT_FOUND, "No model " + id + "."));
    }

    public Model create(Caller caller, UUID organizationId, ModelRequest request) {
        permissions.require(caller, Action.CREATE, organizationId, List.of(), "models");
        Model model = new Model(organizationId, clock.instant());
        model.configure(settings(caller, organizationId, request, Optional.empty()), clock.instant());
        store.inTransaction(session -> {
            session.persist(model);
            return null;
        });
        return model;
    }

    /** Replaces the settings (PUT), or changes only those the request carries (PATCH); the fields are found again. */
    public Model update(Caller caller, UUID organizationId, UUID id, ModelRequest request, boolean merge) {
        Model model = get(organizationId, id);
        permissions.require(caller, Action.EDIT, organizationId, model.settings().policies(), "this model");
        model.configure(settings(caller, organizationId, request, merge ? Optional.of(model.settings()) : Optional.empty()), clock.instant());
        store.inTransaction(session -> session.merge(model));
        return model;
    }

    public void delete(Caller caller, UUID organizationId, UUID id) {
        Model model = get(organizationId, id);
        permissions.require(caller, Action.DELETE, organizationId, model.settings().policies(), "this model");
        store.inTransaction(session -> {
            session.remove(session.find(Model.class, id));
            return null;
        });
    }

    /** The first records of a model's source, saved or not; needs the {@code query} action on the connection. */
    public ModelPreviewResponse preview(Caller caller, UUID organizationId, Optional<UUID> connectionId, Map<String, Object> configuration, int limit) {
        if (limit < 1 || limit > MAX_SAMPLE) {
            throw TributaryException.invalid(List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_SAMPLE + ".")));
        }
        List<FieldError> errors = new ArrayList<>();
        Optional<Connection> connection = connection(organizationId, connectionId, errors);
        Optional<Source> source = connection.flatMap(found -> source(organizationId, found, configuration, errors));
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
        permissions.require(caller, Action.QUERY, organizationId, connection.get().policies(), "the model's connection");
        return switch (source.get()) {
            case Source.Table table -> new ModelPreviewResponse(table.fields(), connections.sample(connection.get(), table.object(), limit));
            case Source.Query query -> connections.withConnector(connection.get(), connector -> {
                List<Map<String, Object>> records = new ArrayList<>();
                try (QueryCursor cursor = connector.runQuery(query.sql(), new QueryLimits(PREVIEW_TIMEOUT, limit, limit), new Cancellation())) {
                    for (Optional<Row> row = cursor.next(); row.isPresent(); row = cursor.next()) {
                        Map<String, Object> record = new LinkedHashMap<>();
                        for (int i = 0; i < cursor.fields().size(); i++) {
                            record.put(cursor.fields().get(i).name(), row.get().get(i));
                        }
                        records.add(record);
                    }
                }
                return new ModelPreviewResponse(query.fields(), records);
            });
        };
    }

    /**
     * What a model reads: a table of the connection's catalog, or a read-only query, with the fields it gives.
     */
    sealed interface Source {
        List<ModelField> fields();

        record Table(ObjectSchema object, List<ModelField> fields) implements Source {}

        record Query(String sql, List<ModelField> fields) implements Source {}
    }

    public static List<ModelField> fields(Model model) {
        return read(model.settings().fields(), FIELDS);
    }

    public static Map<String, Object> configuration(Model model) {
        return read(model.settings().configuration(), MAP);
    }

    private Model.Settings settings(Caller caller, UUID organizationId, ModelRequest request, Optional<Model.Settings> current) {
        List<FieldError> errors = new ArrayList<>();
        String name = Optional.ofNullable(request.name()).map(String::trim).or(() -> current.map(Model.Settings::name)).orElse("");
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "is required: 1 to 200 characters."));
        }
        Optional<Connection> connection = connection(organizationId,
                Optional.ofNullable(request.connectionId()).or(() -> current.map(Model.Settings::connectionId)), errors);
        Map<String, Object> configuration = Optional.ofNullable(request.configuration())
                .or(() -> current.map(settings -> read(settings.configuration(), MAP))).orElse(Map.of());
        Optional<Source> object = connection.flatMap(found -> source(organizationId, found, configuration, errors));
        List<ModelField> fields = object.map(Source::fields).orElse(List.of());
        Optional<String> identifier = Optional.ofNullable(request.identifier()).or(() -> current.flatMap(Model.Settings::identifier));
        identifier.filter(field -> object.isPresent() && fields.stream().noneMatch(known -> known.name().equals(field)))
                .ifPresent(field -> errors.add(new FieldError("identifier", unknown(field, fields))));
        List<String> tracking = Merge.chosen(request.trackingColumns(), current, Model.Settings::trackingColumns, List.of());
        for (int i = 0; i < tracking.size(); i++) {
            String field = tracking.get(i);
            if (object.isPresent() && fields.stream().noneMatch(known -> known.name().equals(field))) {
                errors.add(new FieldError("tracking_columns[" + i + "]", unknown(field, fields)));
            }
        }
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
        permissions.require(caller, Action.QUERY, organizationId, connection.get().policies(), "the model's connection");
        List<UUID> policies = Merge.chosen(request.policies(), current, Model.Settings::policies, List.of());
        if (!policies.equals(current.map(Model.Settings::policies).orElse(List.of()))) {
            permissions.require(caller, Action.APPLY_POLICY, organizationId, List.of(), "models");
        }
        return new Model.Settings(name, connection.get().id(), json(configuration), json(fields), identifier, tracking,
                Merge.chosen(request.labels(), current, Model.Settings::labels, List.of()), policies);
    }

    private static String unknown(String field, List<ModelField> fields) {
        return "'" + field + "' is not a field of the model; its fields are " + String.join(", ", fields.stream().map(ModelField::name).toList()) + ".";
    }


    private Optional<Connection> connection(UUID organizationId, Optional<UUID> id, List<FieldError> errors) {
        if (id.isEmpty()) {
            errors.add(new FieldError("connection_id", "is required: the id of a connection (GET /api/connections)."));
            return Optional.empty();
        }
        try {
            Connection connection = connections.get(organizationId, id.get());
            if (!connections.type(connection.type()).capabilities().contains(Capability.SOURCE)) {
                errors.add(new FieldError("connection_id", "'" + connection.name() + "' (" + connection.type() + ") cannot be read from."));
                return Optional.empty();
            }
            return Optional.of(connection);
        } catch (TributaryException notFound) {
            errors.add(new FieldError("connection_id", "'" + id.get() + "' is not a connection of this organization."));
            return Optional.empty();
        }
    }

    /** The source a configuration names: a table found in the connection's catalog, or a query that runs. */
    private Optional<Source> source(UUID organizationId, Connection connection, Map<String, Object> configuration, List<FieldError> errors) {
        if (configuration.size() == 1 && configuration.get("query") instanceof String sql && !sql.isBlank()) {
            return query(connection, sql, errors);
        }
        Object table = configuration.get("table");
        if (configuration.size() != 1 || !(table instanceof String id) || id.isBlank()) {
            errors.add(new FieldError("configuration", "must be {\"table\": \"schema.table\"}, naming a table listed by GET /api/connections/"
                    + connection.id() + "/schemas, or {\"query\": \"SELECT ...\"}."));
            return Optional.empty();
        }
        Catalog catalog = connections.catalog(organizationId, connection.id(), false);
        int dot = id.indexOf('.');
        Optional<ObjectSchema> object = dot < 0 ? Optional.empty() : catalog.object(id.substring(0, dot), id.substring(dot + 1));
        if (object.isEmpty()) {
            errors.add(new FieldError("configuration.table", "'" + id + "' is not a table of '" + connection.name()
                    + "'; ids are schema.table (refresh the catalog with POST /api/connections/" + connection.id() + "/schemas/refresh)."));
        }
        return object.map(found -> new Source.Table(found, fields(found)));
    }

    /** A query model's fields, found by running it read-only for one row at most. */
    private Optional<Source> query(Connection connection, String sql, List<FieldError> errors) {
        if (!connections.type(connection.type()).capabilities().contains(Capability.QUERY)) {
            errors.add(new FieldError("configuration.query", "'" + connection.name() + "' (" + connection.type() + ") does not run queries;"
                    + " name a table instead."));
            return Optional.empty();
        }
        Optional<List<Field>> found = connections.withConnector(connection, connector -> {
            try (QueryCursor cursor = connector.runQuery(sql, new QueryLimits(PREVIEW_TIMEOUT, 1, 1), new Cancellation())) {
                return Optional.of(cursor.fields());
            } catch (ConnectorException failed) {
                errors.add(new FieldError("configuration.query", failed.getMessage()));
                return Optional.empty();
            }
        });
        return found.flatMap(fields -> {
            List<String> names = fields.stream().map(Field::name).toList();
            if (names.stream().distinct().count() < names.size()) {
                errors.add(new FieldError("configuration.query", "returns two columns of the same name " + names + "; give each column its own name"
                        + " (AS ...)."));
                return Optional.empty();
            }
            return Optional.of(new Source.Query(sql, fields.stream().map(field -> new ModelField(field.name(), field.type().displayName(),
                    field.remoteType())).toList()));
        });
    }

    /**
     * Streams the records of a saved model, in its saved field order, to {@code each} until it says stop. A query model
     * whose columns changed since it was saved is refused: the sync's mapping was checked against the saved fields.
     */
    static void read(Connector connector, Model model, int batchSize, java.util.function.Predicate<Row> each) {
        Map<String, Object> configuration = configuration(model);
        List<String> names = fields(model).stream().map(ModelField::name).toList();
        if (configuration.get("query") instanceof String sql) {
            try (QueryCursor cursor = connector.runQuery(sql, new QueryLimits(SYNC_QUERY_TIMEOUT, 0, batchSize), new Cancellation())) {
                List<String> now = cursor.fields().stream().map(Field::name).toList();
                if (!now.equals(names)) {
                    throw new IllegalStateException("the model's query now returns the fields " + now + " instead of " + names
                            + "; save the model again and check the sync's mapping");
                }
                for (Optional<Row> row = cursor.next(); row.isPresent() && each.test(row.get()); row = cursor.next()) {
                    // Each row is handed over as it arrives.
                }
            }
            return;
        }
        String table = String.valueOf(configuration.get("table"));
        int dot = table.indexOf('.');
        try (RecordReader records = connector.read(new ReadRequest(table.substring(0, dot), table.substring(dot + 1), names, Checkpoint.START,
                batchSize))) {
            for (Optional<RecordBatch> batch = records.next(); batch.isPresent(); batch = records.next()) {
                for (Row row : batch.get().rows()) {
                    if (!each.test(row)) {
                        return;
                    }
                }
            }
        }
    }

    private static List<ModelField> fields(ObjectSchema object) {
        return object.fields().stream().map(field -> new ModelField(field.name(), field.type().displayName(), field.remoteType())).toList();
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
