package dev.tributary.server.ops;

import ch.qos.logback.classic.Level;
import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.admin.LogLineResponse;
import dev.tributary.protocol.admin.SettingResponse;
import dev.tributary.server.config.Config;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The admin console's view of the server: {@code /api/admin/health}, {@code /api/admin/config}, {@code /api/admin/logs}
 * and {@code /api/admin/executions/hourly}.
 */
public final class AdminApi {

    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 5000;
    private static final int MAX_WAIT_SECONDS = 60;
    private static final int MAX_HOURS = 24 * 14;

    private final AdminHealth health;
    private final Config config;
    private final ExecutionCounts executions;

    public AdminApi(AdminHealth health, Config config, ExecutionCounts executions) {
        this.health = health;
        this.config = config;
        this.executions = executions;
    }

    public void health(HttpServerExchange exchange) {
        HttpResponses.json(exchange, 200, new DataResponse<>(health.check()));
    }

    public void config(HttpServerExchange exchange) {
        List<SettingResponse> settings = config.effective().stream()
                .map(setting -> new SettingResponse(setting.variable().name(), setting.value(),
                        setting.source().name().toLowerCase(Locale.ROOT), setting.variable().secret(), setting.variable().description()))
                .toList();
        HttpResponses.json(exchange, 200, new ListResponse<>(settings, null));
    }

    /** Runs that ended in each of the last {@code hours} hours (24 unless asked), and how many of them failed. */
    public void executionsPerHour(HttpServerExchange exchange) throws SQLException {
        int hours = optional(exchange, "hours").map(text -> parse("hours", text, value -> between(Integer.parseInt(value), 1, MAX_HOURS),
                "a whole number from 1 to " + MAX_HOURS)).orElse(24);
        HttpResponses.json(exchange, 200, new ListResponse<>(executions.lastHours(hours), null));
    }

    /**
     * Recent log lines, oldest first, filtered by {@code level} (minimum), {@code logger} (prefix), {@code since},
     * {@code until}, {@code q} (text), and {@code sync} and {@code execution} (the lines of a sync's runs, or of one run).
     * {@code source=file} reads the log file (LOG_FILE) instead of the lines kept in memory, for older history. {@code page_token} continues after the last line read; {@code wait} (seconds)
     * turns a read of the memory into a long poll that returns as soon as a matching line arrives.
     */
    public void logs(HttpServerExchange exchange) throws InterruptedException, IOException {
        String token = HttpRequests.parameter(exchange, "page_token");
        long after = token.isEmpty() ? 0 : parse("page_token", token, Long::parseLong, "a token from a previous page");
        LogRing.Query query = new LogRing.Query(after,
                optional(exchange, "level").map(level -> parse("level", level, AdminApi::level, "debug, info, warn or error")),
                optional(exchange, "logger"),
                optional(exchange, "since").map(since -> parse("since", since, Instant::parse, "an ISO-8601 time such as 2026-01-02T03:04:05Z")),
                optional(exchange, "until").map(until -> parse("until", until, Instant::parse, "an ISO-8601 time such as 2026-01-02T03:04:05Z")),
                optional(exchange, "q"),
                optional(exchange, "limit").map(limit -> parse("limit", limit, text -> between(Integer.parseInt(text), 1, MAX_LIMIT),
                        "a whole number from 1 to " + MAX_LIMIT)).orElse(DEFAULT_LIMIT),
                optional(exchange, "sync").map(id -> parse("sync", id, AdminApi::uuid, "a sync's id")),
                optional(exchange, "execution").map(id -> parse("execution", id, AdminApi::uuid, "an execution's id")));
        int wait = optional(exchange, "wait").map(seconds -> parse("wait", seconds, text -> between(Integer.parseInt(text), 0, MAX_WAIT_SECONDS),
                "a whole number of seconds from 0 to " + MAX_WAIT_SECONDS)).orElse(0);
        String source = optional(exchange, "source").orElse("memory");
        List<LogRing.Line> lines;
        long cursor;
        if (source.equals("file")) {
            Path file = config.logFile().orElseThrow(() -> TributaryException.invalid(List.of(new FieldError("source",
                    "is file, but LOG_FILE is not set: only the last lines in memory can be read."))));
            LogFile.Page page = new LogFile(file).read(query);
            lines = page.lines();
            cursor = page.next();
        } else if (source.equals("memory")) {
            lines = Logging.ring().read(query, Duration.ofSeconds(wait));
            cursor = lines.isEmpty() ? after : lines.getLast().sequence();
        } else {
            throw TributaryException.invalid(List.of(new FieldError("source", "must be memory or file.")));
        }
        HttpResponses.json(exchange, 200, new ListResponse<>(lines.stream()
                .map(line -> new LogLineResponse(line.sequence(), line.at(), line.level(), line.logger(), line.thread(), line.message(),
                        line.syncId(), line.executionId()))
                .toList(), new ListResponse.Pagination(Long.toString(cursor))));
    }

    private static Optional<String> optional(HttpServerExchange exchange, String name) {
        String value = HttpRequests.parameter(exchange, name).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static <T> T parse(String field, String text, Function<String, T> parser, String expected) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw TributaryException.invalid(List.of(new FieldError(field, "must be " + expected + ".")));
        }
    }

    private static Level level(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARN;
            case "error" -> Level.ERROR;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String uuid(String text) {
        return UUID.fromString(text).toString();
    }

    private static int between(int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range");
        }
        return value;
    }
}
