package dev.tributary.server.notify;

import dev.tributary.server.jobs.JobListener;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/** What the job engine reports about runs, turned into events, webhook calls and alert emails. */
public final class RunAlerts implements JobListener {

    private final Notifications notifications;

    public RunAlerts(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void record(Session session, UUID organizationId, String type, Map<String, Object> data) {
        notifications.record(session, organizationId, type, data);
    }

    @Override
    public void longRunning(Session session, UUID organizationId, Duration runningFor, Map<String, Object> data) {
        String path = data.containsKey("bulk_sync_id")
                ? "/bulk/syncs/" + data.get("bulk_sync_id") + "/executions/" + data.get("execution_id")
                : "/syncs/" + data.get("sync_id") + "/executions/" + data.get("execution_id");
        notifications.longRunning(session, organizationId, String.valueOf(data.get("name")), path, runningFor, data);
    }
}
