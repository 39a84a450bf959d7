package dev.tributary.server.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.query.QueryResponse;
import dev.tributary.server.auth.Action;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Permissions;
import dev.tributary.server.blob.BlobStore;
import dev.tributary.server.blob.SignedLinks;
import dev.tributary.server.config.Config;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.spi.Cancellation;
import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.ConnectorFactory;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.QueryCursor;
import dev.tributary.server.connect.spi.QueryLimits;
import dev.tributary.server.connect.spi.QueryTimeoutException;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connection.ConnectionService;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.store.Connection;
import dev.tributary.server.store.QueryRun;
import dev.tributary.server.store.QueryRun.Status;
import dev.tributary.server.store.Store;
import jakarta.persistence.LockModeType;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL runner: runs queries on connections in the background, keeps the first QUERY_ROW_LIMIT rows of each result
 * in pages of JSON in the metadata database for {@link #RETENTION}, and exports whole results to the export store.
 *
 * <p>Every query and export runs on a pool of QUERY_WORKERS threads, in a read-only transaction under QUERY_TIMEOUT
 * (the connector sees to both). A result is readable by the member who ran it and by the organization's admins only.
 * Queries run in the container that received them; a cancel that reaches another container marks the query canceled,
 * and the container running it discards its rows when it ends.
 */
public final class QueryService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryService.class);

    /** How long a query and its exports are kept. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** How long an export's download link works. */
    public static final Duration LINK_LIFETIME = Duration.ofHours(1);
    /** The name of the export store in signed links. */
    public static final String EXPORTS = "exports";
    static final int PAGE_SIZE = 1000;
    private static final int FETCH_SIZE = 1000;
    private static final int MAX_QUERY_LENGTH = 100_000;
    private static final TypeReference<List<QueryResponse.Field>> FIELDS = new TypeReference<>() {};
    private static final TypeReference<List<JsonNode>> ROWS = new TypeReference<>() {};

    /** The SQL runner's configuration. */
    public record Settings(Duration timeout, int rowLimit, Set<String> excludedTypes, int workers) {

        public Settings {
            excludedTypes = Set.copyOf(excludedTypes);
        }

        public static Settings of(Config config) {
            return new Settings(config.queryTimeout(), config.queryRowLimit(), config.queryRunnerExclude(), config.queryWorkers());
        }
    }

    /** One page of a query's result. */
    public record Page(QueryRun run, List<QueryResponse.Field> fields, List<JsonNode> rows, int page, int pages) {}

    /** A finished export and where to download it. */
    public record Export(UUID id, UUID queryId, String format, long rows, long bytes, URI url, Instant expiresAt) {}

    private final Store store;
    private final ConnectionService connections;
    private final Permissions permissions;
    private final BlobStore exports;
    private final SignedLinks links;
    private final Settings settings;
    private final Clock clock;
    private final ExecutorService pool;
    /** The cancel handles of the queries this container runs or has queued. */
    private final Map<UUID, Cancellation> running = new ConcurrentHashMap<>();

    public QueryService(Store store, ConnectionService connections, BlobStore exports, SignedLinks links, Settings settings, Clock clock) {
        this.store = store;
        this.connections = connections;
        this.permissions = connections.permissions();
        this.exports = exports;
        this.links = links;
        this.settings = settings;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(settings.workers(), Thread.ofVirtual().name("query-", 0).factory());
    }

    /** The store exports are written to, which signed links read from. */
    public BlobStore exports() {
        return exports;
    }

    // --- running ---

    /** Checks everything that can be checked before running, then starts the query in the background; it runs as soon as a worker is free. */
    public QueryRun start(Caller caller, UUID organizationId, UUID connectionId, String sql) {
        Connection connection = connections.get(organizationId, connectionId);
        permissions.require(caller, Action.QUERY, organizationId, connection.policies(), "this connection");
        if (sql == null || sql.isBlank()) {
            throw TributaryException.invalid(List.of(new FieldError("query", "is empty; send the SQL to run, such as SELECT 1.")));
        }
        if (sql.length() > MAX_QUERY_LENGTH) {
            throw TributaryException.invalid(List.of(new FieldError("query", "is longer than " + MAX_QUERY_LENGTH + " characters; shorten it.")));
        }
        requireQueryable(connection);
        Instant now = clock.instant();
        QueryRun run = new QueryRun(UUID.randomUUID(), organizationId, connectionId, userOf(caller), sql, now, now.plus(RETENTION));
        store.inTransaction(session -> {
            session.persist(run);
            return null;
        });
        Cancellation cancellation = new Cancellation();
        running.put(run.id(), cancellation);
        pool.execute(() -> execute(run.id(), connection, sql, cancellation));
        return run;
    }

    private void requireQueryable(Connection connection) {
        if (settings.excludedTypes().contains(connection.type())) {
            throw new TributaryException(ErrorCode.INVALID_REQUEST, "The SQL runner is turned off on this server for connections of type '"
                    + connection.type() + "' (QUERY_RUNNER_EXCLUDE); query a connection of another type, or ask the operator.");
        }
        ConnectorFactory factory = connections.type(connection.type());
        if (!factory.capabilities().contains(Capability.QUERY)) {
            List<String> types = connections.types().stream()
                    .filter(type -> type.capabilities().contains(Capability.QUERY) && !settings.excludedTypes().contains(type.id()))
                    .map(ConnectorFactory::id).toList();
            throw new TributaryException(ErrorCode.INVALID_REQUEST, "Connections of type '" + factory.id() + "' (" + factory.displayName()
                    + ") cannot run SQL queries; the SQL runner works with connections of type " + String.join(", ", types) + ".");
        }
    }

    private static Optional<UUID> userOf(Caller caller) {
        return caller instanceof Caller.UserCaller user ? Optional.of(user.userId()) : Optional.empty();
    }

    private record Outcome(Status status, List<QueryResponse.Field> fields, long rows, boolean truncated, Optional<String> error) {

        static Outcome ended(Status status, String error) {
            return new Outcome(status, List.of(), 0, false, Optional.of(error));
        }
    }

    private void execute(UUID id, Connection connection, String sql, Cancellation cancellation) {
        Outcome outcome;
        try {
            // A query canceled while it waited for a worker is already marked so.
            if (cancellation.canceled()) {
                return;
            }
            outcome = connections.withConnector(connection, connector -> collect(id, connector, sql, cancellation));
        } catch (TributaryException e) {
            outcome = Outcome.ended(Status.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Query {} failed unexpectedly", id, e);
            outcome = Outcome.ended(Status.FAILED, "The query failed unexpectedly (" + e.getClass().getSimpleName()
                    + "); the server log has the details.");
        } finally {
            running.remove(id);
        }
        finish(id, outcome);
    }

    /** Reads the result into pages of {@link #PAGE_SIZE} rows, so memory holds one page at most. */
    private Outcome collect(UUID id, Connector connector, String sql, Cancellation cancellation) {
        // One row past the limit tells whether the result was cut.
        QueryLimits limits = new QueryLimits(settings.timeout(), settings.rowLimit() + 1L, FETCH_SIZE);
        try (QueryCursor cursor = connector.runQuery(sql, limits, cancellation)) {
            List<Field> fields = uniqueNames(cursor.fields());
            ArrayNode page = JsonValues.MAPPER.createArrayNode();
            int pageNumber = 1;
            long rows = 0;
            boolean truncated = false;
            for (Optional<Row> row = cursor.next(); row.isPresent(); row = cursor.next()) {
                if (rows == settings.rowLimit()) {
                    truncated = true;
                    break;
                }
                page.add(JsonValues.toJson(fields, row.get()));
                rows++;
                if (page.size() == PAGE_SIZE) {
                    savePage(id, pageNumber++, page);
                    page = JsonValues.MAPPER.createArrayNode();
                }
            }
            if (!page.isEmpty()) {
                savePage(id, pageNumber, page);
            }
            return new Outcome(Status.COMPLETED, fields.stream().map(field -> new QueryResponse.Field(field.name(), field.type().displayName())).toList(),
                    rows, truncated, Optional.empty());
        } catch (ConnectorException e) {
            if (cancellation.canceled()) {
                return Outcome.ended(Status.CANCELED, "Canceled.");
            }
            return Outcome.ended(Status.FAILED, message(e));
        }
    }

    private String message(ConnectorException e) {
        if (e instanceof QueryTimeoutException timeout) {
            return "The query ran longer than QUERY_TIMEOUT (" + timeout.timeout().toSeconds() + " s) and the database stopped it;"
                    + " make it faster (a narrower WHERE, a LIMIT, an index) or ask the operator to raise QUERY_TIMEOUT.";
        }
        return e.getMessage();
    }

    /** Field names as the result's rows are keyed: a name seen before gets a suffix, as {@code id_2}. */
    private static List<Field> uniqueNames(List<Field> fields) {
        Set<String> seen = new HashSet<>();
        List<Field> unique = new ArrayList<>();
        for (Field field : fields) {
            String name = field.name();
            for (int suffix = 2; !seen.add(name); suffix++) {
                name = field.name() + "_" + suffix;
            }
            unique.add(new Field(name, field.type(), field.remoteType(), field.nullable(), false));
        }
        return unique;
    }

    private void savePage(UUID id, int page, ArrayNode rows) {
        String json = write(rows);
        store.inTransaction(session -> session
                .createNativeMutationQuery("INSERT INTO query_result_pages (query_id, page, rows) VALUES (:id, :page, :rows)")
                .setParameter("id", id).setParameter("page", page).setParameter("rows", json)
                .executeUpdate());
    }

    private void finish(UUID id, Outcome outcome) {
        store.inTransaction(session -> {
            QueryRun run = session.find(QueryRun.class, id, LockModeType.PESSIMISTIC_WRITE);
            return run != null && run.finish(outcome.status(), Optional.of(write(outcome.fields())), outcome.rows(), outcome.truncated(),
                    outcome.error(), clock.instant());
        });
    }

    /** Cancels a running query: it is marked canceled at once, and its statement is stopped in the database. */
    public QueryRun cancel(Caller caller, UUID organizationId, UUID id) {
        visible(caller, organizationId, id);
        QueryRun canceled = store.inTransaction(session -> {
            QueryRun run = session.find(QueryRun.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (!run.finish(Status.CANCELED, Optional.empty(), 0, false, Optional.of("Canceled by " + caller.auditName() + "."), clock.instant())) {
                throw new TributaryException(ErrorCode.CONFLICT, "The query already ended (" + run.status().name().toLowerCase()
                        + "); there is nothing to cancel.");
            }
            return run;
        });
        Optional.ofNullable(running.get(id)).ifPresent(Cancellation::cancel);
        return canceled;
    }

    // --- reading ---

    /** A query the caller may see: their own, or any of their organization's for an admin; anything else is a 404. */
    public QueryRun visible(Caller caller, UUID organizationId, UUID id) {
        QueryRun run = store.inTransaction(session -> session.find(QueryRun.class, id));
        boolean mine = caller.admin() || userOf(caller).isPresent() && userOf(caller).equals(run == null ? null : run.userId());
        if (run == null || !run.organizationId().equals(organizationId) || !mine || !clock.instant().isBefore(run.expiresAt())) {
            throw new TributaryException(ErrorCode.NOT_FOUND, "No query " + id + "; a query is kept " + RETENTION.toHours()
                    + " hours, for the member who ran it and the organization's admins.");
        }
        return run;
    }

    /** The query with page {@code page} (from 1) of its result; a query that has not completed has no rows. */
    public Page page(Caller caller, UUID organizationId, UUID id, int page) {
        QueryRun run = visible(caller, organizationId, id);
        int pages = (int) Math.max(1, (run.rowCount() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (page < 1 || page > pages) {
            throw TributaryException.invalid(List.of(new FieldError("page", "must be a page from 1 to " + pages + " of this result.")));
        }
        List<QueryResponse.Field> fields = run.fields().map(json -> read(json, FIELDS)).orElse(List.of());
        List<JsonNode> rows = new ArrayList<>();
        if (run.status() == Status.COMPLETED) {
            store.inTransaction(session -> session
                    .createNativeQuery("SELECT rows FROM query_result_pages WHERE query_id = :id AND page = :page", String.class)
                    .setParameter("id", id).setParameter("page", page)
                    .getResultList())
                    .forEach(json -> rows.addAll(read(json, ROWS)));
        }
        return new Page(run, fields, rows, page, pages);
    }

    // --- exports ---

    /**
     * Runs the query again without the row cap and streams its whole result into the export store, one row at a time;
     * returns a link that downloads it for {@link #LINK_LIFETIME}. Needs the {@code export} action on the connection.
     */
    public Export export(Caller caller, UUID organizationId, UUID id, String formatName) {
        QueryRun run = visible(caller, organizationId, id);
        String requested = formatName == null || formatName.isBlank() ? "csv" : formatName.trim();
        ExportFormat format = ExportFormat.parse(requested).orElseThrow(() -> TributaryException.invalid(List.of(
                new FieldError("format", "'" + requested + "' is not an export format; use csv, jsonl or parquet."))));
        if (run.status() != Status.COMPLETED) {
            throw new TributaryException(ErrorCode.CONFLICT, "The query is " + run.status().name().toLowerCase() + "; only a completed query"
                    + " can be exported. Wait for it to complete, or run it again.");
        }
        Connection connection = run.connectionId().flatMap(connectionId -> find(organizationId, connectionId))
                .orElseThrow(() -> new TributaryException(ErrorCode.CONFLICT, "The connection this query ran on was deleted, so it cannot run again to be exported."));
        permissions.require(caller, Action.EXPORT, organizationId, connection.policies(), "this connection");
        requireQueryable(connection);
        UUID exportId = UUID.randomUUID();
        String key = prefix(id) + exportId + "." + format.extension();
        Future<long[]> written = pool.submit(() -> connections.withConnector(connection, connector -> stream(connector, run.query(), format, key)));
        long[] counts;
        try {
            counts = written.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            written.cancel(true);
            throw new TributaryException(ErrorCode.INTERNAL_ERROR, "The server stopped while the export ran; export again.", e);
        }
        URI url = exports.presignedDownload(key, LINK_LIFETIME).orElseGet(() -> links.sign(EXPORTS, key, LINK_LIFETIME));
        return new Export(exportId, id, format.id(), counts[0], counts[1], url, clock.instant().plus(LINK_LIFETIME));
    }

    private Optional<Connection> find(UUID organizationId, UUID connectionId) {
        try {
            return Optional.of(connections.get(organizationId, connectionId));
        } catch (TributaryException e) {
            return Optional.empty();
        }
    }

    /** Writes the export; returns its rows and bytes. A failure leaves no object behind (the store writes whole or nothing). */
    private long[] stream(Connector connector, String sql, ExportFormat format, String key) {
        long[] counts = new long[2];
        try (QueryCursor cursor = connector.runQuery(sql, new QueryLimits(settings.timeout(), 0, FETCH_SIZE), new Cancellation())) {
            List<Field> fields = uniqueNames(cursor.fields());
            exports.write(key, out -> {
                CountingStream counted = new CountingStream(out);
                counts[0] = format.write(cursor, fields, counted);
                counts[1] = counted.count;
            });
        } catch (ConnectorException e) {
            throw new TributaryException(ErrorCode.INVALID_REQUEST, "The export failed: " + message(e), e);
        }
        return counts;
    }

    /** Counts the bytes that pass, for the export's size. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }

    private static String prefix(UUID queryId) {
        return "queries/" + queryId + "/";
    }

    // --- expiry ---

    /** Deletes the queries past their expiry, with their pages and their exports; returns how many. */
    public int purgeExpired() {
        Instant now = clock.instant();
        List<UUID> expired = store.inTransaction(session -> session
                .createSelectionQuery("select q.id from QueryRun q where q.expiresAt <= :now", UUID.class)
                .setParameter("now", now)
                .getResultList());
        for (UUID id : expired) {
            exports.list(prefix(id)).forEach(exports::delete);
            store.inTransaction(session -> session.createMutationQuery("delete from QueryRun q where q.id = :id")
                    .setParameter("id", id).executeUpdate());
        }
        return expired.size();
    }

    private static String write(Object value) {
        try {
            return JsonValues.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree or record always serializes", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JsonValues.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored query JSON is unreadable", e);
        }
    }

    /** Stops the running queries and exports; their statements end with their connections. */
    @Override
    public void close() {
        running.values().forEach(Cancellation::cancel);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
