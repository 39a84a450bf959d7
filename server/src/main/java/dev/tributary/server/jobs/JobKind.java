package dev.tributary.server.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * A kind of sync the job engine runs (bulk syncs, model syncs). The engine owns the queue, leases, schedules and
 * events; the kind owns its execution rows and the run itself.
 */
public interface JobKind {

    /** {@code bulk_sync} or {@code sync}: the queue's kind and the prefix of event types such as {@code bulk_sync.failed}. */
    String name();

    /** Whether the sync exists in the organization ({@code Optional.empty()} when not) and is active (paused syncs skip their schedule). */
    Optional<Boolean> active(Session session, UUID organizationId, UUID subjectId);

    /** Creates the queued execution row of a run started by a schedule, and returns its id. */
    UUID newExecution(Session session, UUID subjectId, Instant now);

    /**
     * Moves the execution to {@code status} (running, canceling, interrupted, or a final one) with an optional error, in
     * the caller's transaction.
     */
    void transition(Session session, Job job, String status, String error, Instant now);

    /** What events about the execution carry: its ids, the sync's name, its status, counts and error. */
    Map<String, Object> describe(Session session, Job job);

    /** Runs the job to its end; stops early, leaving the destination consistent, once {@code lease.stopping()}. */
    JobResult run(Job job, Lease lease);
}
