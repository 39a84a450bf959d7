package dev.tributary.server.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every kind of event, by the name the API and webhooks use. {@code GET /api/events_types} lists them in this order. */
public enum EventType {
    SYNC_RUNNING("sync.running"),
    SYNC_COMPLETED("sync.completed"),
    SYNC_COMPLETED_WITH_ERRORS("sync.completed_with_errors"),
    SYNC_FAILED("sync.failed"),
    SYNC_CANCELED("sync.canceled"),
    BULK_SYNC_RUNNING("bulk_sync.running"),
    BULK_SYNC_COMPLETED("bulk_sync.completed"),
    BULK_SYNC_COMPLETED_WITH_ERRORS("bulk_sync.completed_with_errors"),
    BULK_SYNC_FAILED("bulk_sync.failed"),
    BULK_SYNC_CANCELED("bulk_sync.canceled");

    private final String id;

    EventType(String id) {
        this.id = id;
    }

    /** The name in the API, such as {@code bulk_sync.failed}. */
    public String id() {
        return id;
    }

    public static Optional<EventType> of(String id) {
        return Arrays.stream(values()).filter(type -> type.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(EventType::id).toList();
    }

    /** Failures are also emailed to the organization's global error subscribers. */
    public boolean failure() {
        return id.endsWith(".failed");
    }

    /** Whether the event is about a bulk sync rather than a model sync. */
    public boolean bulk() {
        return id.startsWith("bulk_sync.");
    }

    /** What happened, in words: "failed", "completed with errors". */
    String outcome() {
        String status = id.substring(id.indexOf('.') + 1);
        return status.equals("running") ? "started running" : status.replace('_', ' ');
    }
}
