package dev.tributary.console.logs;

import dev.tributary.protocol.admin.LogLineResponse;
import java.util.List;
import java.util.Locale;

/**
 * Which lines the log browser shows: a minimum level and a text, matched in the message, logger and thread, and
 * against the sync and execution that logged the line, so that a sync's or an execution's id shows its runs' log.
 */
record LogFilter(String minimumLevel, String text) {

    static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");
    static final String ALL = "ALL";

    LogFilter {
        text = text.strip().toLowerCase(Locale.ROOT);
    }

    boolean matches(LogLineResponse line) {
        return rank(line.level()) >= rank(minimumLevel) && (text.isEmpty() || contains(line.message()) || contains(line.logger())
                || contains(line.thread()) || contains(line.syncId()) || contains(line.executionId()));
    }

    private boolean contains(String field) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(text);
    }

    /** TRACE and unknown levels rank below DEBUG; ALL lets everything through. */
    private static int rank(String level) {
        return ALL.equals(level) ? -1 : LEVELS.indexOf(level.toUpperCase(Locale.ROOT));
    }
}
