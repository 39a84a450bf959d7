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
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connection.ConnectionService;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.Json;
import dev.tributary.server.store.Connection;
import dev.tributary.server.store.Model;
import dev.tributary.server.store.Store;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Models: which rows of a connection model syncs send. Saving a model checks its source against the connection's
 * catalog and keeps the fields found, so that syncs can map them.
 */
public final class ModelService {

    private static final TypeReference<List<ModelField>> FIELDS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final int MAX_SAMPLE = 1000;

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
        Optional<ObjectSchema> object = connection.flatMap(found -> source(organizationId, found, configuration, errors));
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
        permissions.require(caller, Action.QUERY, organizationId, connection.get().policies(), "the model's connection");
        return new ModelPreviewResponse(fields(object.get()), connections.sample(connection.get(), object.get(), limit));
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
        Optional<ObjectSchema> object = connection.flatMap(found -> source(organizationId, found, configuration, errors));
        List<ModelField> fields = object.map(ModelService::fields).orElse(List.of());
        Optional<String> identifier = Optional.ofNullable(request.identifier()).or(() -> current.flatMap(Model.Settings::identifier));
        identifier.filter(field -> object.isPresent() && fields.stream().noneMatch(known -> known.name().equals(field)))
                .ifPresent(field -> errors.add(new FieldError("identifier", unknown(field, fields))));
        List<String> tracking = chosen(request.trackingColumns(), current, Model.Settings::trackingColumns, List.of());
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
        List<UUID> policies = chosen(request.policies(), current, Model.Settings::policies, List.of());
        if (!policies.equals(current.map(Model.Settings::policies).orElse(List.of()))) {
            permissions.require(caller, Action.APPLY_POLICY, organizationId, List.of(), "models");
        }
        return new Model.Settings(name, connection.get().id(), json(configuration), json(fields), identifier, tracking,
                chosen(request.labels(), current, Model.Settings::labels, List.of()), policies);
    }

    private static String unknown(String field, List<ModelField> fields) {
        return "'" + field + "' is not a field of the model; its fields are " + String.join(", ", fields.stream().map(ModelField::name).toList()) + ".";
    }

    /** What the request sets, else (for a PATCH) what is stored, else the default. */
    private static <T> T chosen(T requested, Optional<Model.Settings> current, Function<Model.Settings, T> stored, T fallback) {
        return Optional.ofNullable(requested).or(() -> current.map(stored)).orElse(fallback);
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

    /** The object a configuration names, found in the connection's catalog. */
    private Optional<ObjectSchema> source(UUID organizationId, Connection connection, Map<String, Object> configuration, List<FieldError> errors) {
        Object table = configuration.get("table");
        if (configuration.size() != 1 || !(table instanceof String id) || id.isBlank()) {
            errors.add(new FieldError("configuration", "must be {\"table\": \"schema.table\"}, naming a table listed by GET /api/connections/"
                    + connection.id() + "/schemas."));
            return Optional.empty();
        }
        Catalog catalog = connections.catalog(organizationId, connection.id(), false);
        int dot = id.indexOf('.');
        Optional<ObjectSchema> object = dot < 0 ? Optional.empty() : catalog.object(id.substring(0, dot), id.substring(dot + 1));
        if (object.isEmpty()) {
            errors.add(new FieldError("configuration.table", "'" + id + "' is not a table of '" + connection.name()
                    + "'; ids are schema.table (refresh the catalog with POST /api/connections/" + connection.id() + "/schemas/refresh)."));
        }
        return object;
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
