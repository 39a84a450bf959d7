package dev.tributary.server.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The words of the alert emails: a subject that says what happened to which sync, and a plain-text body with a link. */
final class AlertEmails {

    record Email(String subject, String body) {}

    private static final String FOOTER = "\n\n--\nYou receive this email as a global error subscriber of your Tributary organization."
            + " An admin changes the list with PUT /api/notifications/global-error-subscribers.\n";

    private AlertEmails() {}

    /** The email for an event, such as "Tributary: bulk sync 'Orders' failed". */
    static Email forEvent(EventType type, Map<String, Object> data, URI appUrl) {
        String what = noun(type.bulk()) + " '" + text(data, "name").orElse("unnamed") + "'";
        StringBuilder body = new StringBuilder("The ").append(what).append(' ').append(type.outcome()).append(".\n");
        text(data, "error").ifPresent(error -> body.append("\nError: ").append(error).append('\n'));
        text(data, "execution_id").ifPresent(execution -> body.append("\nExecution: ").append(execution).append('\n'));
        body.append("\nOpen it: ").append(link(appUrl, type.bulk(), data)).append(FOOTER);
        return new Email("Tributary: " + what + " " + type.outcome(), body.toString());
    }

    /** The email for a run that goes on for longer than LONGSYNC_THRESHOLD. */
    static Email longRunning(String syncName, String executionPath, Duration runningFor, Map<String, Object> data, URI appUrl) {
        String what = noun(data.containsKey("bulk_sync_id")) + " '" + syncName + "'";
        String since = "has been running for " + duration(runningFor);
        StringBuilder body = new StringBuilder("The ").append(what).append(' ').append(since).append(".\n");
        text(data, "execution_id").ifPresent(execution -> body.append("\nExecution: ").append(execution).append('\n'));
        body.append("\nOpen it: ").append(resolve(appUrl, executionPath)).append(FOOTER);
        return new Email("Tributary: " + what + " " + since, body.toString());
    }

    private static String noun(boolean bulk) {
        return bulk ? "bulk sync" : "sync";
    }

    /** The execution's page, or the sync's, or the start page: as much as the event's data names. */
    private static String link(URI appUrl, boolean bulk, Map<String, Object> data) {
        Optional<String> sync = text(data, bulk ? "bulk_sync_id" : "sync_id");
        Optional<String> execution = text(data, "execution_id");
        String path = sync.map(id -> (bulk ? "/bulk/syncs/" : "/syncs/") + id + execution.map(run -> "/executions/" + run).orElse(""))
                .orElse("/");
        return resolve(appUrl, path);
    }

    private static String resolve(URI appUrl, String path) {
        String base = appUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + (path.startsWith("/") ? path : "/" + path);
    }

    static String duration(Duration duration) {
        long minutes = Math.max(1, duration.toMinutes());
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    private static Optional<String> text(Map<String, Object> data, String key) {
        return Optional.ofNullable(data.get(key)).map(String::valueOf).filter(value -> !value.isBlank());
    }
}
