package dev.tributary.server.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.server.http.Json;
import dev.tributary.server.store.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily usage report POSTed to TELEMETRY_URL: counts and the version, never names, settings or data. What it
 * holds is {@link Report}, and {@code tributary telemetry show} prints it as it would be sent.
 */
public final class Telemetry {

    private static final Logger log = LoggerFactory.getLogger(Telemetry.class);
    public static final Duration EVERY = Duration.ofDays(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * Everything sent.
     *
     * @param runsLastDay runs created in the 24 hours before {@code at} (dry runs of model syncs excluded)
     * @param rowsMovedLastDay rows those runs wrote to destinations (inserted, updated or deleted)
     */
    public record Report(String deployment, String version, Instant at, long syncs, long bulkSyncs, long runsLastDay, long rowsMovedLastDay) {}

    private static final String COUNTS = """
            SELECT (SELECT count(*) FROM model_syncs),
                   (SELECT count(*) FROM bulk_syncs),
                   (SELECT count(*) FROM bulk_sync_executions WHERE created_at >= ?)
                       + (SELECT count(*) FROM model_sync_executions WHERE created_at >= ? AND NOT test),
                   (SELECT coalesce(sum(records_written), 0) FROM bulk_sync_executions WHERE created_at >= ?)
                       + (SELECT coalesce(sum(inserts + updates + deletes), 0) FROM model_sync_executions WHERE created_at >= ? AND NOT test)
            """;

    private final Store store;
    private final String deployment;
    private final String version;
    private final Clock clock;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public Telemetry(Store store, String deployment, String version, Clock clock) {
        this.store = store;
        this.deployment = deployment;
        this.version = version;
        this.clock = clock;
    }

    public Report report() {
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(EVERY));
        return store.inTransaction(session -> session.doReturningWork(connection -> {
            try (PreparedStatement counts = connection.prepareStatement(COUNTS)) {
                for (int parameter = 1; parameter <= 4; parameter++) {
                    counts.setTimestamp(parameter, since);
                }
                try (ResultSet row = counts.executeQuery()) {
                    row.next();
                    return new Report(deployment, version, now, row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
                }
            }
        }));
    }

    /** The report as JSON, exactly the body that is sent. */
    public String json() {
        try {
            return Json.mapper().writeValueAsString(report());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A report of counts always serializes", e);
        }
    }

    /** Sends one report; a failure is logged and the next day's report is sent as usual. */
    public void send(URI url) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json())).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                log.warn("TELEMETRY_URL answered {} to the usage report", response.statusCode());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not send the usage report to TELEMETRY_URL: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
