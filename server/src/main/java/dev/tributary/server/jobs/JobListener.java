package dev.tributary.server.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/** Hears what happens to runs, inside the transaction that records it (events, webhooks, alert emails). */
public interface JobListener {

    JobListener NONE = new JobListener() {
        @Override
        public void record(Session session, UUID organizationId, String type, Map<String, Object> data) {
        }

        @Override
        public void longRunning(Session session, UUID organizationId, Duration runningFor, Map<String, Object> data) {
        }
    };

    /** An execution changed status: {@code type} is {@code <kind>.<status>}, such as {@code bulk_sync.failed}. */
    void record(Session session, UUID organizationId, String type, Map<String, Object> data);

    /** An execution has run longer than LONGSYNC_THRESHOLD; said once per execution. */
    void longRunning(Session session, UUID organizationId, Duration runningFor, Map<String, Object> data);
}
