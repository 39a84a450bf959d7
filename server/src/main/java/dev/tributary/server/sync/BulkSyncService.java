package dev.tributary.server.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.bulk.BulkSchema;
import dev.tributary.protocol.bulk.BulkSyncRequest;
import dev.tributary.protocol.jobs.Schedule;
import dev.tributary.server.auth.Action;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Permissions;
import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connection.ConnectionService;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.Json;
import dev.tributary.server.http.Merge;
import dev.tributary.server.jobs.JobEngine;
import dev.tributary.server.jobs.Plan;
import dev.tributary.server.store.BulkSync;
import dev.tributary.server.store.BulkSyncExecution;
import dev.tributary.server.store.Connection;
import dev.tributary.server.store.Store;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Bulk syncs: their settings checked against the source's catalog and the caller's permissions, and their runs. */
public final class BulkSyncService {

    private static final Set<String> MODES = Set.of("replicate", "snapshot");
    private static final int MAX_CONCURRENCY = 32;

    private final Store store;
    private final ConnectionService connections;
    private final Permissions permissions;
    private final JobEngine engine;
    private final BulkSyncJobs jobs;
    private final Clock clock;

    public BulkSyncService(Store store, ConnectionService connections, Permissions permissions, JobEngine engine, int batchSize, Clock clock) {
        this.store = store;
        this.connections = connections;
        this.permissions = permissions;
        this.engine = engine;
        this.jobs = new BulkSyncJobs(store, new BulkSyncRunner(store, connections, batchSize, clock));
        this.clock = clock;
        engine.register(jobs);
    }

    public List<BulkSync> list(UUID organizationId) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from BulkSync s where s.organizationId = :org order by s.createdAt", BulkSync.class)
                .setParameter("org", organizationId)
                .getResultList());
    }

    public BulkSync get(UUID organizationId, UUID id) {
        return store.inTransaction(session -> {
            BulkSync sync = session.find(BulkSync.class, id);
            if (sync == null || !sync.organizationId().equals(organizationId)) {
                throw new TributaryException(ErrorCode.NOT_FOUND, "No bulk sync " + id + ".");
            }
            return sync;
        });
    }

    public BulkSync create(Caller caller, UUID organizationId, BulkSyncRequest request) {
        permissions.require(caller, Action.CREATE, organizationId, List.of(), "bulk syncs");
        BulkSync sync = new BulkSync(organizationId, clock.instant());
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
    public BulkSync update(Caller caller, UUID organizationId, UUID id, BulkSyncRequest request, boolean merge) {
        BulkSync sync = get(organizationId, id);
        permissions.require(caller, Action.EDIT, organizationId, sync.settings().policies(), "this bulk sync");
        Checked checked = settings(caller, organizationId, Optional.of(id), request, merge ? Optional.of(sync.settings()) : Optional.empty());
        sync.configure(checked.settings(), clock.instant());
        store.inTransaction(session -> {
            session.merge(sync);
            engine.schedule(session, jobs, organizationId, id, checked.plan());
            return null;
        });
        return sync;
    }

    public void delete(Caller caller, UUID organizationId, UUID id) {
        BulkSync sync = get(organizationId, id);
        permissions.require(caller, Action.DELETE, organizationId, sync.settings().policies(), "this bulk sync");
        if (currentExecution(id).isPresent()) {
            throw new TributaryException(ErrorCode.CONFLICT, "The bulk sync is running; cancel it first.");
        }
        store.inTransaction(session -> {
            engine.forget(session, jobs, id);
            session.remove(session.find(BulkSync.class, id));
            return null;
        });
    }

    /** Starts a run now. A sync that is already running answers 409 naming the running execution. */
    public BulkSyncExecution start(Caller caller, UUID organizationId, UUID id, boolean resync, Optional<List<String>> only) {
        BulkSync sync = get(organizationId, id);
        permissions.require(caller, Action.TRIGGER, organizationId, sync.settings().policies(), "this bulk sync");
        List<BulkSchema> tables = BulkSchemas.read(sync.settings().schemas()).stream().filter(BulkSchemas::enabled)
                .filter(table -> only.map(ids -> ids.contains(table.id())).orElse(true)).toList();
        if (only.isPresent() && tables.size() != only.get().size()) {
            throw TributaryException.invalid(List.of(new FieldError("schemas", "name only enabled tables of this bulk sync.")));
        }
        BulkSyncExecution execution = new BulkSyncExecution(id, resync, only.map(BulkSyncJobs::json).orElse(null), clock.instant());
        store.inTransaction(session -> {
            engine.enqueue(session, jobs, organizationId, id, execution.id());
            session.persist(execution);
            if (resync) {
                session.createNativeMutationQuery("DELETE FROM bulk_sync_checkpoints WHERE bulk_sync_id = :sync AND object_id IN (:objects)")
                        .setParameter("sync", id)
                        .setParameterList("objects", tables.isEmpty() ? List.of("") : tables.stream().map(BulkSchema::id).toList())
                        .executeUpdate();
            }
            return null;
        });
        engine.nudge();
        return execution;
    }

    /** Asks the queued or running execution to stop; a running one stops after its current batch. */
    public BulkSyncExecution cancel(Caller caller, UUID organizationId, UUID id) {
        BulkSync sync = get(organizationId, id);
        permissions.require(caller, Action.TRIGGER, organizationId, sync.settings().policies(), "this bulk sync");
        return execution(organizationId, id, engine.cancel(jobs, id));
    }

    public Optional<BulkSyncExecution> currentExecution(UUID id) {
        return store.inTransaction(session -> engine.activeExecution(session, jobs, id).map(execution -> session.find(BulkSyncExecution.class, execution)));
    }

    /** Whether the sync runs now, how its last run went, and when it runs next. */
    public Status status(UUID organizationId, UUID id) {
        List<BulkSyncExecution> executions = executions(organizationId, id);
        Optional<Instant> next = store.inTransaction(session -> engine.nextRun(session, jobs, id));
        return new Status(currentExecution(id), executions.stream().findFirst(), next);
    }

    public record Status(Optional<BulkSyncExecution> current, Optional<BulkSyncExecution> last, Optional<Instant> nextRun) {}

    public List<BulkSyncExecution> executions(UUID organizationId, UUID id) {
        get(organizationId, id);
        return store.inTransaction(session -> session
                .createSelectionQuery("from BulkSyncExecution e where e.bulkSyncId = :sync order by e.createdAt desc", BulkSyncExecution.class)
                .setParameter("sync", id)
                .setMaxResults(100)
                .getResultList());
    }

    public BulkSyncExecution execution(UUID organizationId, UUID id, UUID executionId) {
        get(organizationId, id);
        return store.inTransaction(session -> Optional.ofNullable(session.find(BulkSyncExecution.class, executionId))
                .filter(execution -> execution.bulkSyncId().equals(id))
                .orElseThrow(() -> new TributaryException(ErrorCode.NOT_FOUND, "No execution " + executionId + " of this bulk sync.")));
    }

    /** Settings that passed every check, with the schedule they carry. */
    private record Checked(BulkSync.Settings settings, Plan plan) {}

    private Checked settings(Caller caller, UUID organizationId, Optional<UUID> id, BulkSyncRequest request, Optional<BulkSync.Settings> current) {
        List<FieldError> errors = new ArrayList<>();
        String name = Optional.ofNullable(request.name()).map(String::trim).or(() -> current.map(BulkSync.Settings::name)).orElse("");
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "is required: 1 to 200 characters."));
        }
        String mode = Merge.chosen(request.mode(), current, BulkSync.Settings::mode, "replicate");
        if (!MODES.contains(mode)) {
            errors.add(new FieldError("mode", "must be replicate or snapshot."));
        }
        Schedule schedule = Optional.ofNullable(request.schedule()).or(() -> current.map(settings -> Plan.fromJson(settings.schedule())))
                .orElse(Schedule.MANUAL);
        Optional<Plan> plan = store.inTransaction(session -> engine.plan(session, organizationId, id, schedule, true, errors));
        Optional<Connection> source = connection(organizationId, "source_connection_id",
                Optional.ofNullable(request.sourceConnectionId()).or(() -> current.map(BulkSync.Settings::sourceConnectionId)), Capability.SOURCE, errors);
        Optional<Connection> destination = connection(organizationId, "destination_connection_id",
                Optional.ofNullable(request.destinationConnectionId()).or(() -> current.map(BulkSync.Settings::destinationConnectionId)),
                Capability.DESTINATION, errors);
        List<BulkSchema> schemas = Optional.ofNullable(request.schemas()).or(() -> current.map(settings -> BulkSchemas.read(settings.schemas())))
                .orElse(List.of());
        if (source.isPresent()) {
            errors.addAll(BulkSchemas.problems(connections.catalog(organizationId, source.get().id(), false), schemas));
        }
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
        permissions.require(caller, Action.SYNC_TO, organizationId, destination.get().policies(), "the destination connection");
        List<UUID> policies = Merge.chosen(request.policies(), current, BulkSync.Settings::policies, List.of());
        if (!policies.equals(current.map(BulkSync.Settings::policies).orElse(List.of()))) {
            permissions.require(caller, Action.APPLY_POLICY, organizationId, List.of(), "bulk syncs");
        }
        int concurrency = Merge.chosen(request.concurrencyLimit(), current, BulkSync.Settings::concurrencyLimit, 1);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw TributaryException.invalid(List.of(new FieldError("concurrency_limit", "must be a whole number from 1 to " + MAX_CONCURRENCY + ".")));
        }
        String destinationConfiguration = Optional.ofNullable(request.destinationConfiguration()).map(BulkSyncService::json)
                .or(() -> current.map(BulkSync.Settings::destinationConfiguration)).orElse("{}");
        return new Checked(new BulkSync.Settings(name, mode, source.get().id(), destination.get().id(), destinationConfiguration,
                BulkSchemas.write(schemas),
                Merge.chosen(request.automaticallyAddNewFields(), current, BulkSync.Settings::automaticallyAddNewFields, true),
                Merge.chosen(request.automaticallyAddNewObjects(), current, BulkSync.Settings::automaticallyAddNewObjects, false),
                Merge.chosen(request.normalizeNames(), current, BulkSync.Settings::normalizeNames, true),
                concurrency,
                Merge.chosen(request.active(), current, BulkSync.Settings::active, true),
                policies, Plan.toJson(plan.orElseThrow().spec())), plan.get());
    }


    private Optional<Connection> connection(UUID organizationId, String field, Optional<UUID> id, Capability capability, List<FieldError> errors) {
        if (id.isEmpty()) {
            errors.add(new FieldError(field, "is required: the id of a connection (GET /api/connections)."));
            return Optional.empty();
        }
        Connection connection;
        try {
            connection = connections.get(organizationId, id.get());
        } catch (TributaryException notFound) {
            errors.add(new FieldError(field, "'" + id.get() + "' is not a connection of this organization."));
            return Optional.empty();
        }
        if (!connections.type(connection.type()).capabilities().contains(capability)) {
            errors.add(new FieldError(field, "'" + connection.name() + "' (" + connection.type() + ") cannot be a "
                    + capability.name().toLowerCase(Locale.ROOT) + "."));
            return Optional.empty();
        }
        return Optional.of(connection);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
