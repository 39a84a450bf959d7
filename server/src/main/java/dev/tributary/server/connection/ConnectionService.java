package dev.tributary.server.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.auth.Action;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Permissions;
import dev.tributary.server.cache.Cache;
import dev.tributary.server.config.Secret;
import dev.tributary.server.connect.ConnectorRegistry;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.ConfigError;
import dev.tributary.server.connect.spi.ConfigSpec;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.ConnectorFactory;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.Json;
import dev.tributary.server.ops.TracedConnector;
import dev.tributary.server.secrets.SecretsCipher;
import dev.tributary.server.store.Connection;
import dev.tributary.server.store.Store;
import io.opentelemetry.api.trace.Tracer;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Connections: their settings validated by the connector type's declaration, secret settings encrypted one by one,
 * every change checked against the caller's permissions. Nothing here ever returns or logs a secret in clear.
 */
public final class ConnectionService {

    private static final int MAX_NAME_LENGTH = 200;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    /** How long a catalog is served from the cache; it stays in PostgreSQL, so this only bounds what the cache holds. */
    static final Duration CATALOG_TTL = Duration.ofMinutes(10);

    private final Store store;
    private final ConnectorRegistry registry;
    private final SecretsCipher cipher;
    private final Permissions permissions;
    private final Cache cache;
    private final Clock clock;
    private final boolean linkLocalAllowed;
    private final Tracer tracer;

    /** @param linkLocalAllowed whether connections may reach link-local hosts (CONNECTIONS_ALLOW_LINK_LOCAL) */
    public ConnectionService(Store store, ConnectorRegistry registry, SecretsCipher cipher, Permissions permissions, Cache cache,
            Clock clock, boolean linkLocalAllowed, Tracer tracer) {
        this.store = store;
        this.registry = registry;
        this.cipher = cipher;
        this.permissions = permissions;
        this.cache = cache;
        this.clock = clock;
        this.linkLocalAllowed = linkLocalAllowed;
        this.tracer = tracer;
    }

    /** A change of a connection: what the API received, already parsed. */
    public record Change(Optional<String> name, Optional<String> type, Optional<Map<String, Object>> configuration,
            Optional<List<UUID>> policies, boolean validate) {}

    public List<ConnectorFactory> types() {
        return registry.factories();
    }

    public ConnectorFactory type(String id) {
        return registry.factory(id).orElseThrow(() -> new TributaryException(ErrorCode.NOT_FOUND,
                "No connection type '" + id + "'; GET /api/connection_types lists them."));
    }

    public List<Connection> list(UUID organizationId) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from Connection c where c.organizationId = :org order by lower(c.name)", Connection.class)
                .setParameter("org", organizationId)
                .getResultList());
    }

    public Connection get(UUID organizationId, UUID id) {
        return store.inTransaction(session -> {
            Connection connection = session.find(Connection.class, id);
            if (connection == null || !connection.organizationId().equals(organizationId)) {
                throw new TributaryException(ErrorCode.NOT_FOUND, "No connection " + id + ".");
            }
            return connection;
        });
    }

    public Connection create(Caller caller, UUID organizationId, Change change) {
        permissions.require(caller, Action.CREATE, organizationId, List.of(), "connections");
        List<FieldError> errors = new ArrayList<>();
        String name = validName(change.name(), errors);
        Optional<ConnectorFactory> factory = factoryFor(change.type(), errors);
        Map<String, Object> values = change.configuration().orElse(Map.of());
        factory.ifPresent(known -> errors.addAll(configurationErrors(known.configSpec(), values)));
        requireValid(errors);
        List<UUID> policies = change.policies().orElse(List.of());
        if (!policies.isEmpty()) {
            requireApplicable(caller, organizationId, policies);
        }
        Connection connection = new Connection(UUID.randomUUID(), organizationId, factory.get().id(), clock.instant());
        save(connection, name, factory.get(), values, policies, change.validate());
        return connection;
    }

    /** Replaces the settings (PUT) or merges the given ones into them (PATCH). */
    public Connection update(Caller caller, UUID organizationId, UUID id, Change change, boolean merge) {
        Connection existing = get(organizationId, id);
        permissions.require(caller, Action.EDIT, organizationId, existing.policies(), "this connection");
        ConnectorFactory factory = type(existing.type());
        List<FieldError> errors = new ArrayList<>();
        if (change.type().isPresent() && !change.type().get().equals(existing.type())) {
            errors.add(new FieldError("type", "cannot change; create a new connection of type '" + change.type().get() + "' instead."));
        }
        String name = merge && change.name().isEmpty() ? existing.name() : validName(change.name(), errors);
        Map<String, Object> stored = settings(existing);
        Map<String, Object> values = new LinkedHashMap<>(merge ? stored : Map.of());
        change.configuration().orElse(Map.of()).forEach((field, value) ->
                values.put(field, Secret.MASK.equals(value) && factory.configSpec().sensitiveFields().contains(field) ? stored.get(field) : value));
        values.values().removeIf(value -> value == null);
        errors.addAll(configurationErrors(factory.configSpec(), values));
        requireValid(errors);
        List<UUID> policies = change.policies().orElse(existing.policies());
        if (!policies.equals(existing.policies())) {
            requireApplicable(caller, organizationId, policies);
        }
        save(existing, name, factory, values, policies, change.validate());
        // New settings drop the stored catalog (it may describe another database), so the cached one goes too.
        cache.invalidate(catalogKey(organizationId, id));
        return existing;
    }

    public void delete(Caller caller, UUID organizationId, UUID id) {
        Connection connection = get(organizationId, id);
        permissions.require(caller, Action.DELETE, organizationId, connection.policies(), "this connection");
        store.inTransaction(session -> {
            session.remove(session.find(Connection.class, id));
            return null;
        });
        cache.invalidate(catalogKey(organizationId, id));
    }

    /** Tests settings as given, or a saved connection's settings with the given ones laid over them. */
    public TestResult test(Caller caller, UUID organizationId, Optional<String> type, Map<String, Object> configuration,
            Optional<UUID> connectionId) {
        Map<String, Object> values = new LinkedHashMap<>();
        ConnectorFactory factory;
        if (connectionId.isPresent()) {
            Connection existing = get(organizationId, connectionId.get());
            permissions.require(caller, Action.EDIT, organizationId, existing.policies(), "this connection");
            factory = type(existing.type());
            values.putAll(settings(existing));
        } else {
            // Testing arbitrary settings reaches out to arbitrary hosts: only those who may create connections may.
            permissions.require(caller, Action.CREATE, organizationId, List.of(), "connections");
            List<FieldError> errors = new ArrayList<>();
            factory = factoryFor(type, errors).orElse(null);
            requireValid(errors);
        }
        configuration.forEach((field, value) -> {
            if (!Secret.MASK.equals(value)) {
                values.put(field, value);
            }
        });
        requireValid(configurationErrors(factory.configSpec(), values));
        return testNow(factory, values);
    }

    /**
     * The connection's catalog: the one discovered last, or a fresh one when asked (or when there is none yet). The last
     * one is kept with the connection in PostgreSQL and, for {@link #CATALOG_TTL}, in the cache, which answers without
     * reading PostgreSQL; its key holds the organization, so a hit is always the caller's own connection.
     */
    public Catalog catalog(UUID organizationId, UUID id, boolean refresh) {
        String key = catalogKey(organizationId, id);
        if (!refresh) {
            Optional<Catalog> cached = cache.get(key).flatMap(json -> readCached(key, json));
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Connection connection = get(organizationId, id);
        if (!refresh && connection.catalog().isPresent()) {
            cache.put(key, connection.catalog().get(), CATALOG_TTL);
            return CatalogJson.read(connection.catalog().get());
        }
        Catalog catalog = withConnector(connection, Connector::discover);
        String json = CatalogJson.write(catalog);
        store.inTransaction(session -> {
            session.find(Connection.class, id).catalog(json, clock.instant());
            return null;
        });
        cache.put(key, json, CATALOG_TTL);
        return catalog;
    }

    /** A cached catalog this version cannot read (written by another one) is dropped and read again from PostgreSQL. */
    private Optional<Catalog> readCached(String key, String json) {
        try {
            return Optional.of(CatalogJson.read(json));
        } catch (RuntimeException e) {
            cache.invalidate(key);
            return Optional.empty();
        }
    }

    static String catalogKey(UUID organizationId, UUID connectionId) {
        return "catalog:" + organizationId + ":" + connectionId;
    }

    /** Opens the connection's connector with its settings decrypted, runs work, and closes it. */
    public <T> T withConnector(Connection connection, Function<Connector, T> work) {
        ConnectorFactory factory = type(connection.type());
        try (Connector connector = open(factory, settings(connection))) {
            return work.apply(connector);
        } catch (ConnectorException e) {
            throw new TributaryException(ErrorCode.INVALID_REQUEST, "The connection '" + connection.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /** The first {@code limit} records of an object, each a map of field name to value. */
    public List<Map<String, Object>> sample(Connection connection, ObjectSchema object, int limit) {
        return withConnector(connection, connector -> {
            try (RecordReader reader = connector.read(new ReadRequest(object.schema(), object.name(), List.of(), Checkpoint.START, limit))) {
                List<Map<String, Object>> rows = new ArrayList<>();
                reader.next().ifPresent(batch -> batch.rows().forEach(row -> {
                    Map<String, Object> record = new LinkedHashMap<>();
                    for (int index = 0; index < batch.fields().size(); index++) {
                        record.put(batch.fields().get(index).name(), row.get(index));
                    }
                    rows.add(record);
                }));
                return rows;
            }
        });
    }

    public Permissions permissions() {
        return permissions;
    }

    private void save(Connection connection, String name, ConnectorFactory factory, Map<String, Object> values, List<UUID> policies,
            boolean validate) {
        Optional<TestResult> tested = validate ? Optional.of(testNow(factory, values)) : Optional.empty();
        if (tested.orElse(null) instanceof TestResult.Failed failed) {
            throw TributaryException.invalid(List.of(new FieldError("configuration",
                    "the connection test failed: " + failed.message() + " (send \"validate\": false to save it anyway)")));
        }
        List<String> sensitive = factory.configSpec().sensitiveFields();
        Map<String, Object> plain = new LinkedHashMap<>();
        // Defaults are stored with the rest, so what the API shows is what the connector uses.
        factory.configSpec().fields().forEach(field -> field.defaultValue().ifPresent(value -> {
            if (!values.containsKey(field.name())) {
                plain.put(field.name(), value);
            }
        }));
        Map<String, String> encrypted = new LinkedHashMap<>();
        values.forEach((field, value) -> {
            if (sensitive.contains(field)) {
                encrypted.put(field, cipher.encrypt(String.valueOf(value), context(connection.id(), field)));
            } else {
                plain.put(field, value);
            }
        });
        connection.configure(name, json(plain), json(encrypted), policies, clock.instant());
        connection.status(tested.isPresent() ? "healthy" : "unknown", null);
        store.inTransaction(session -> session.merge(connection));
    }

    private TestResult testNow(ConnectorFactory factory, Map<String, Object> values) {
        try (Connector connector = open(factory, values)) {
            return connector.test();
        }
    }

    private Connector open(ConnectorFactory factory, Map<String, Object> values) {
        return TracedConnector.of(tracer, factory.id(), factory.create(factory.configSpec().bind(values).allowingLinkLocal(linkLocalAllowed)));
    }

    /** Every setting of a saved connection, secrets decrypted: only for handing to its connector. */
    private Map<String, Object> settings(Connection connection) {
        Map<String, Object> values = new LinkedHashMap<>(parse(connection.configuration()));
        parse(connection.credentials()).forEach((field, ciphertext) ->
                values.put(field, cipher.decrypt(String.valueOf(ciphertext), context(connection.id(), field))));
        return values;
    }

    /** The settings as shown to people: secrets masked. */
    public Map<String, Object> shown(Connection connection) {
        Map<String, Object> values = new LinkedHashMap<>(parse(connection.configuration()));
        parse(connection.credentials()).keySet().forEach(field -> values.put(field, Secret.MASK));
        return values;
    }

    /** Setting or removing an object's policies needs the apply_policy action, and the policies must be the organization's. */
    private void requireApplicable(Caller caller, UUID organizationId, List<UUID> policies) {
        permissions.require(caller, Action.APPLY_POLICY, organizationId, List.of(), "connections");
        Map<UUID, Boolean> known = new LinkedHashMap<>();
        permissions.policies(organizationId).forEach(policy -> known.put(policy.id(), true));
        List<FieldError> errors = new ArrayList<>();
        for (int index = 0; index < policies.size(); index++) {
            if (!known.containsKey(policies.get(index))) {
                errors.add(new FieldError("policies[" + index + "]", "'" + policies.get(index) + "' is not a policy of this organization."));
            }
        }
        requireValid(errors);
    }

    private Optional<ConnectorFactory> factoryFor(Optional<String> type, List<FieldError> errors) {
        if (type.isEmpty() || type.get().isBlank()) {
            errors.add(new FieldError("type", "is required: the id of a connection type, such as postgresql (GET /api/connection_types)."));
            return Optional.empty();
        }
        Optional<ConnectorFactory> factory = registry.factory(type.get());
        if (factory.isEmpty()) {
            errors.add(new FieldError("type", "'" + type.get() + "' is not a connection type; GET /api/connection_types lists them."));
        }
        return factory;
    }

    private static List<FieldError> configurationErrors(ConfigSpec spec, Map<String, Object> values) {
        List<FieldError> errors = new ArrayList<>();
        for (ConfigError error : spec.validate(values)) {
            errors.add(new FieldError("configuration." + error.field(), error.message()));
        }
        return errors;
    }

    private static String validName(Optional<String> name, List<FieldError> errors) {
        String trimmed = name.map(String::trim).orElse("");
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "is required: 1 to " + MAX_NAME_LENGTH + " characters, such as 'Production warehouse'."));
        }
        return trimmed;
    }

    private static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
    }

    private static String context(UUID connection, String field) {
        return "connection:" + connection + ":" + field;
    }

    private static String json(Map<String, ?> values) {
        try {
            return Json.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Json.mapper().readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
