package dev.tributary.server.modelsync;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.jobs.Schedule;
import dev.tributary.protocol.modelsync.Filter;
import dev.tributary.protocol.modelsync.ModelField;
import dev.tributary.protocol.modelsync.ModelSyncRequest;
import dev.tributary.protocol.modelsync.ModelSyncRequest.FieldMapping;
import dev.tributary.protocol.modelsync.ModelSyncRequest.Identity;
import dev.tributary.protocol.modelsync.Override;
import dev.tributary.server.auth.Action;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Permissions;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.IdentityMatch;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelObjectDetail;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connection.ConnectionService;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.Json;
import dev.tributary.server.http.Merge;
import dev.tributary.server.jobs.JobEngine;
import dev.tributary.server.jobs.Plan;
import dev.tributary.server.store.Connection;
import dev.tributary.server.store.Model;
import dev.tributary.server.store.ModelSync;
import dev.tributary.server.store.ModelSyncExecution;
import dev.tributary.server.store.Store;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Model syncs: each checked against its model's fields, its target object's fields and the caller's permissions when
 * saved, so that a run never meets a mapping it cannot carry out.
 */
public final class ModelSyncService {

    /** The modes, as the API names them. */
    public static final List<String> MODES = List.of("create", "update", "updateOrCreate", "replace", "append", "remove");
    private static final List<String> IDENTITY_FUNCTIONS = List.of("Equality", "CaseInsensitiveEquality");

    private final Store store;
    private final ModelService models;
    private final ConnectionService connections;
    private final Permissions permissions;
    private final JobEngine engine;
    private final ModelSyncJobs jobs;
    private final Clock clock;

    public ModelSyncService(Store store, ModelService models, ConnectionService connections, Permissions permissions, JobEngine engine,
            ModelSyncJobs jobs, Clock clock) {
        this.store = store;
        this.models = models;
        this.connections = connections;
        this.permissions = permissions;
        this.engine = engine;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** What a sync does with its model's records, kept as JSON beside it. */
    public record Mapping(Identity identity, List<FieldMapping> fields, List<Filter> filters, String filterLogic, List<Override> overrides,
            boolean syncAllRecords, boolean skipInitialBackfill) {}

    public List<ModelSync> list(UUID organizationId) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from ModelSync s where s.organizationId = :org order by s.createdAt", ModelSync.class)
                .setParameter("org", organizationId)
                .getResultList());
    }

    public ModelSync get(UUID organizationId, UUID id) {
        return store.inTransaction(session -> Optional.ofNullable(session.find(ModelSync.class, id)))
                .filter(sync -> sync.organizationId().equals(organizationId))
                .orElseThrow(() -> new TributaryException(ErrorCode.NOT_FOUND, "No sync " + id + "."));
    }

    public ModelSync create(Caller caller, UUID organizationId, ModelSyncRequest request) {
        permissions.require(caller, Action.CREATE, organizationId, List.of(), "syncs");
        ModelSync sync = new ModelSync(organizationId, clock.instant());
        Checked checked = settings(caller, organizationId, Optional.empty(), request, Optional.empty());
        sync.configure(checked.settings(), clock.instant());
        store.inTransaction(session -> {
            session.persist(sync);
            engine.schedule(session, jobs, organizationId, sync.id(), checked.plan());
            return null;
        });
        return sync;
    }

    /** Replaces the settings (PUT), or changes only those the request carries (PATCH). */
    public ModelSync update(Caller caller, UUID organizationId, UUID id, ModelSyncRequest request, boolean merge) {
        ModelSync sync = get(organizationId, id);
        permissions.require(caller, Action.EDIT, organizationId, sync.settings().policies(), "this sync");
        Checked checked = settings(caller, organizationId, Optional.of(id), request, merge ? Optional.of(sync.settings()) : Optional.empty());
        sync.configure(checked.settings(), clock.instant());
        store.inTransaction(session -> {
            session.merge(sync);
            engine.schedule(session, jobs, organizationId, id, checked.plan());
            return null;
        });
        return sync;
    }

    /** Turns the sync's schedule on or off. */
    public ModelSync activate(Caller caller, UUID organizationId, UUID id, boolean active) {
        ModelSync sync = get(organizationId, id);
        permissions.require(caller, Action.EDIT, organizationId, sync.settings().policies(), "this sync");
        sync.activate(active, clock.instant());
        store.inTransaction(session -> session.merge(sync));
        return sync;
    }

    public void delete(Caller caller, UUID organizationId, UUID id) {
        ModelSync sync = get(organizationId, id);
        permissions.require(caller, Action.DELETE, organizationId, sync.settings().policies(), "this sync");
        store.inTransaction(session -> {
            if (engine.activeExecution(session, jobs, id).isPresent()) {
                throw new TributaryException(ErrorCode.CONFLICT, "The sync is running; cancel it first.");
            }
            engine.forget(session, jobs, id);
            session.remove(session.find(ModelSync.class, id));
            return null;
        });
        jobs.forget(id);
    }

    /** Starts a run now ({@code test}: a dry run); a sync that is already running answers 409 naming its run. */
    public ModelSyncExecution start(Caller caller, UUID organizationId, UUID id, boolean resync, boolean test) {
        ModelSync sync = get(organizationId, id);
        permissions.require(caller, Action.TRIGGER, organizationId, sync.settings().policies(), "this sync");
        ModelSyncExecution execution = new ModelSyncExecution(id, resync, test, clock.instant());
        store.inTransaction(session -> {
            engine.enqueue(session, jobs, organizationId, id, execution.id());
            session.persist(execution);
            return null;
        });
        engine.nudge();
        return execution;
    }

    /** Cancels the queued run, or stops the running one after its current batch. */
    public ModelSyncExecution cancel(Caller caller, UUID organizationId, UUID id) {
        ModelSync sync = get(organizationId, id);
        permissions.require(caller, Action.TRIGGER, organizationId, sync.settings().policies(), "this sync");
        return execution(organizationId, id, engine.cancel(jobs, id));
    }

    /** Whether the sync runs now, its last run, and when it runs next. */
    public Status status(UUID organizationId, UUID id) {
        List<ModelSyncExecution> executions = executions(organizationId, id);
        return store.inTransaction(session -> new Status(
                engine.activeExecution(session, jobs, id).map(execution -> session.find(ModelSyncExecution.class, execution)),
                executions.stream().findFirst(), engine.nextRun(session, jobs, id)));
    }

    public record Status(Optional<ModelSyncExecution> current, Optional<ModelSyncExecution> last, Optional<java.time.Instant> nextRun) {}

    public List<ModelSyncExecution> executions(UUID organizationId, UUID id) {
        get(organizationId, id);
        return store.inTransaction(session -> session
                .createSelectionQuery("from ModelSyncExecution e where e.syncId = :sync order by e.createdAt desc", ModelSyncExecution.class)
                .setParameter("sync", id)
                .setMaxResults(100)
                .getResultList());
    }

    public ModelSyncExecution execution(UUID organizationId, UUID id, UUID executionId) {
        get(organizationId, id);
        return store.inTransaction(session -> Optional.ofNullable(session.find(ModelSyncExecution.class, executionId))
                .filter(execution -> execution.syncId().equals(id))
                .orElseThrow(() -> new TributaryException(ErrorCode.NOT_FOUND, "No execution " + executionId + " of this sync.")));
    }

    /** The objects a connection offers model syncs, with the modes each takes. */
    public List<ModelObject> targetObjects(UUID organizationId, UUID connectionId) {
        Connection connection = modelSyncTarget(organizationId, connectionId);
        return connections.withConnector(connection, Connector::modelTargets);
    }

    /** One object a connection offers model syncs, with its fields. */
    public ModelObjectDetail targetObject(UUID organizationId, UUID connectionId, String object) {
        Connection connection = modelSyncTarget(organizationId, connectionId);
        return connections.withConnector(connection, connector -> connector.modelTarget(object)).orElseThrow(() ->
                new TributaryException(ErrorCode.NOT_FOUND, "'" + connection.name() + "' has no object '" + object
                        + "' for model syncs; GET /api/connections/" + connectionId + "/modelsync/targetobjects lists them."));
    }

    private Connection modelSyncTarget(UUID organizationId, UUID connectionId) {
        Connection connection = connections.get(organizationId, connectionId);
        if (!connections.type(connection.type()).capabilities().contains(Capability.MODEL_SYNC)) {
            throw new TributaryException(ErrorCode.INVALID_REQUEST, "'" + connection.name() + "' (" + connection.type()
                    + ") does not take model syncs.");
        }
        return connection;
    }

    public static Mapping mapping(ModelSync sync) {
        return mapping(sync.settings().settings());
    }

    private static Mapping mapping(String json) {
        try {
            return Json.mapper().readValue(json, Mapping.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings that passed every check, with the schedule they carry. */
    private record Checked(ModelSync.Settings settings, Plan plan) {}

    private Checked settings(Caller caller, UUID organizationId, Optional<UUID> id, ModelSyncRequest request, Optional<ModelSync.Settings> current) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Mapping> stored = current.map(settings -> mapping(settings.settings()));
        String name = Optional.ofNullable(request.name()).map(String::trim).or(() -> current.map(ModelSync.Settings::name)).orElse("");
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "is required: 1 to 200 characters."));
        }
        String mode = Merge.chosen(request.mode(), current, ModelSync.Settings::mode, "");
        if (!MODES.contains(mode)) {
            errors.add(new FieldError("mode", "must be one of " + String.join(", ", MODES) + "."));
        }
        Identity identity = Merge.chosen(request.identity(), stored, Mapping::identity, null);
        List<FieldMapping> fields = Merge.chosen(request.fields(), stored, Mapping::fields, List.of());
        List<Filter> filters = Merge.chosen(request.filters(), stored, Mapping::filters, List.of());
        String filterLogic = Merge.chosen(request.filterLogic(), stored, Mapping::filterLogic, null);
        List<Override> overrides = Merge.chosen(request.overrides(), stored, Mapping::overrides, List.of());

        Optional<Model> model = model(organizationId, identity, fields, current.map(ModelSync.Settings::modelId), errors);
        List<Field> modelFields = model.map(ModelSyncService::fields).orElse(List.of());
        Optional<Connection> target = target(organizationId, request, current, errors);
        String object = Optional.ofNullable(request.target()).map(ModelSyncRequest.Target::object)
                .or(() -> current.map(ModelSync.Settings::targetObject)).orElse("");
        Optional<ModelObjectDetail> targetObject = target.flatMap(connection -> targetObject(connection, object, mode, errors));
        if (model.isPresent() && targetObject.isPresent()) {
            checkIdentity(mode, identity, modelFields, targetObject.get(), errors);
            checkFields(mode, fields, modelFields, targetObject.get(), errors);
            Conditions.filter(modelFields, filters, filterLogic, errors);
            Conditions.overrides(modelFields, overrides, errors);
        }
        Schedule schedule = Optional.ofNullable(request.schedule()).or(() -> current.map(settings -> Plan.fromJson(settings.schedule())))
                .orElse(Schedule.MANUAL);
        Optional<Plan> plan = store.inTransaction(session -> engine.plan(session, organizationId, id, schedule, false, errors));
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
        permissions.require(caller, Action.SYNC_TO, organizationId, target.get().policies(), "the target connection");
        List<UUID> policies = Merge.chosen(request.policies(), current, ModelSync.Settings::policies, List.of());
        if (!policies.equals(current.map(ModelSync.Settings::policies).orElse(List.of()))) {
            permissions.require(caller, Action.APPLY_POLICY, organizationId, List.of(), "syncs");
        }
        Mapping mapping = new Mapping(identity, fields, filters, filterLogic, overrides,
                Merge.chosen(request.syncAllRecords(), stored, Mapping::syncAllRecords, false),
                Merge.chosen(request.skipInitialBackfill(), stored, Mapping::skipInitialBackfill, false));
        String settings;
        try {
            settings = Json.mapper().writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new Checked(new ModelSync.Settings(name, model.get().id(), target.get().id(), object, mode, settings,
                Plan.toJson(plan.orElseThrow().spec()), Merge.chosen(request.active(), current, ModelSync.Settings::active, true), policies), plan.get());
    }

    /** The one model the sync reads: named by the identity's source, and by every field mapped from the model. */
    private Optional<Model> model(UUID organizationId, Identity identity, List<FieldMapping> fields, Optional<UUID> stored, List<FieldError> errors) {
        Set<UUID> named = new HashSet<>();
        Optional.ofNullable(identity).map(Identity::source).map(ModelSyncRequest.Source::modelId).ifPresent(named::add);
        fields.stream().map(FieldMapping::source).filter(source -> source != null && source.modelId() != null)
                .map(ModelSyncRequest.Source::modelId).forEach(named::add);
        if (named.size() > 1) {
            errors.add(new FieldError("fields", "name one model in every source.model_id: a sync reads one model."));
            return Optional.empty();
        }
        Optional<UUID> id = named.stream().findFirst().or(() -> stored);
        if (id.isEmpty()) {
            errors.add(new FieldError("identity.source.model_id", "is required: the id of a model (GET /api/models)."));
            return Optional.empty();
        }
        try {
            return Optional.of(models.get(organizationId, id.get()));
        } catch (TributaryException notFound) {
            errors.add(new FieldError("identity.source.model_id", "'" + id.get() + "' is not a model of this organization."));
            return Optional.empty();
        }
    }

    private Optional<Connection> target(UUID organizationId, ModelSyncRequest request, Optional<ModelSync.Settings> current, List<FieldError> errors) {
        Optional<UUID> id = Optional.ofNullable(request.target()).map(ModelSyncRequest.Target::connectionId)
                .or(() -> current.map(ModelSync.Settings::targetConnectionId));
        if (id.isEmpty()) {
            errors.add(new FieldError("target.connection_id", "is required: the id of a destination connection (GET /api/connections)."));
            return Optional.empty();
        }
        try {
            Connection connection = connections.get(organizationId, id.get());
            if (!connections.type(connection.type()).capabilities().contains(Capability.DESTINATION)) {
                errors.add(new FieldError("target.connection_id", "'" + connection.name() + "' (" + connection.type() + ") cannot be written to."));
                return Optional.empty();
            }
            return Optional.of(connection);
        } catch (TributaryException notFound) {
            errors.add(new FieldError("target.connection_id", "'" + id.get() + "' is not a connection of this organization."));
            return Optional.empty();
        }
    }

    /** The object as the destination offers it to model syncs, with its fields and the modes it takes. */
    private Optional<ModelObjectDetail> targetObject(Connection connection, String object, String mode, List<FieldError> errors) {
        if (!connections.type(connection.type()).capabilities().contains(Capability.MODEL_SYNC)) {
            errors.add(new FieldError("target.connection_id", "'" + connection.name() + "' (" + connection.type() + ") does not take model syncs."));
            return Optional.empty();
        }
        Optional<ModelObjectDetail> found = connections.withConnector(connection, connector -> connector.modelTarget(object));
        if (found.isEmpty()) {
            errors.add(new FieldError("target.object", "'" + object + "' is not an object of '" + connection.name()
                    + "'; GET /api/connections/" + connection.id() + "/modelsync/targetobjects lists them."));
        } else if (MODES.contains(mode) && !found.get().object().modes().contains(mode(mode))) {
            errors.add(new FieldError("mode", "'" + object + "' does not take " + mode + "; it takes "
                    + String.join(", ", found.get().object().modes().stream().map(ModelSyncService::name).sorted().toList()) + "."));
        }
        return found;
    }

    /** The connector's mode for an API mode name. */
    static ModelSyncMode mode(String name) {
        return switch (name) {
            case "create" -> ModelSyncMode.CREATE;
            case "update" -> ModelSyncMode.UPDATE;
            case "updateOrCreate" -> ModelSyncMode.UPDATE_OR_CREATE;
            case "replace" -> ModelSyncMode.REPLACE;
            case "append" -> ModelSyncMode.APPEND;
            case "remove" -> ModelSyncMode.REMOVE;
            default -> throw new IllegalArgumentException("no mode " + name);
        };
    }

    /** The API's name of a connector's mode. */
    static String name(ModelSyncMode mode) {
        return MODES.stream().filter(name -> mode(name) == mode).findFirst().orElseThrow();
    }

    private static void checkIdentity(String mode, Identity identity, List<Field> modelFields, ModelObjectDetail target, List<FieldError> errors) {
        if (identity == null) {
            if (!mode.equals("append")) {
                errors.add(new FieldError("identity", "is required in " + mode + " mode: the model field and the target field that identify a record."));
            }
            return;
        }
        String source = identity.source() == null ? null : identity.source().field();
        if (modelFields.stream().noneMatch(field -> field.name().equals(source))) {
            errors.add(new FieldError("identity.source.field", unknown(source, "the model", modelFields)));
        }
        Optional<ModelObjectDetail.ModelField> field = targetField(target, identity.target());
        if (field.isEmpty() && target.anyField()) {
            return;
        }
        if (field.isEmpty()) {
            errors.add(new FieldError("identity.target", unknown(identity.target(), "the target object", targetFields(target))));
        } else if (identity.function() != null && IDENTITY_FUNCTIONS.stream().noneMatch(function -> function.equalsIgnoreCase(identity.function()))) {
            errors.add(new FieldError("identity.function", "must be " + String.join(" or ", IDENTITY_FUNCTIONS) + "."));
        } else if (!field.get().identityMatches().contains(match(identity))) {
            errors.add(new FieldError("identity.target", "'" + identity.target() + "' (" + field.get().field().type().displayName()
                    + ") cannot identify records " + (match(identity) == IdentityMatch.EXACT ? "" : "case-insensitively ")
                    + "; choose a text, number, date or uuid field."));
        }
    }

    private static void checkFields(String mode, List<FieldMapping> fields, List<Field> modelFields, ModelObjectDetail target, List<FieldError> errors) {
        if (fields.isEmpty() && !mode.equals("remove")) {
            errors.add(new FieldError("fields", "map at least one field: {\"source\": {\"model_id\", \"field\"}, \"target\": \"...\"}."));
        }
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldMapping mapping = fields.get(i);
            String at = "fields[" + i + "]";
            String source = mapping.source() == null ? null : mapping.source().field();
            if ((source == null) == (mapping.overrideValue() == null)) {
                errors.add(new FieldError(at, "needs either source.field (a model field) or override_value (the same value for every record)."));
            } else if (source != null && modelFields.stream().noneMatch(field -> field.name().equals(source))) {
                errors.add(new FieldError(at + ".source.field", unknown(source, "the model", modelFields)));
            }
            if (targetField(target, mapping.target()).isEmpty() && !target.anyField()) {
                errors.add(new FieldError(at + ".target", unknown(mapping.target(), "the target object", targetFields(target))));
            } else if (!targets.add(mapping.target())) {
                errors.add(new FieldError(at + ".target", "'" + mapping.target() + "' is mapped twice; map each target field once."));
            }
            if (mapping.syncMode() != null && !List.of("create", "updateorcreate").contains(mapping.syncMode().toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(at + ".sync_mode", "must be create (never overwrite an existing value) or updateOrCreate (the default)."));
            }
        }
    }

    private static Optional<ModelObjectDetail.ModelField> targetField(ModelObjectDetail target, String name) {
        return target.fields().stream().filter(field -> field.field().name().equals(name)).findFirst();
    }

    private static List<Field> targetFields(ModelObjectDetail target) {
        return target.fields().stream().map(ModelObjectDetail.ModelField::field).toList();
    }

    /** How the identity matches: exactly unless the sync asks for case-insensitive equality. */
    static IdentityMatch match(Identity identity) {
        return "CaseInsensitiveEquality".equalsIgnoreCase(identity.function()) ? IdentityMatch.CASE_INSENSITIVE : IdentityMatch.EXACT;
    }

    private static String unknown(String name, String where, List<Field> fields) {
        return "'" + name + "' is not a field of " + where + "; its fields are " + String.join(", ", fields.stream().map(Field::name).toList()) + ".";
    }

    /** A model's fields with their canonical types, as filters and mappings see them. */
    static List<Field> fields(Model model) {
        return ModelService.fields(model).stream()
                .map((ModelField field) -> new Field(field.name(), CanonicalType.parse(field.type()), field.remoteType(), true, false)).toList();
    }

}
