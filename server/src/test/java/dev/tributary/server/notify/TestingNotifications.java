package dev.tributary.server.notify;

import dev.tributary.server.testing.TestingServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the job engine does with notifications, done by hand: events recorded in a transaction of the server's store. */
final class TestingNotifications {

    private TestingNotifications() {}

    static void record(TestingServer server, UUID organizationId, String type, Map<String, Object> data) {
        server.server().store().inTransaction(session -> {
            server.server().notifications().record(session, organizationId, type, data);
            return null;
        });
    }

    /** A failed bulk sync run's event data. */
    static Map<String, Object> failedRun(String name, String error) {
        return Map.of("execution_id", UUID.randomUUID().toString(), "bulk_sync_id", UUID.randomUUID().toString(), "name", name,
                "status", "failed", "error", error);
    }

    /** The organization's outbox rows, oldest first. */
    static List<Map<String, Object>> deliveries(TestingServer server, UUID organizationId) {
        return server.postgres().query("SELECT * FROM notification_deliveries WHERE organization_id = '" + organizationId
                + "' ORDER BY created_at, id");
    }
}
