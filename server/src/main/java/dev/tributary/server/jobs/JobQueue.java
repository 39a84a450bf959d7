package dev.tributary.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The queue of runs in the metadata database. Workers claim with {@code FOR UPDATE SKIP LOCKED}, so any number of
 * containers share it and no row is handed out twice; every claim raises the job's epoch (the fencing token).
 * All times come from the caller's clock, never the database's, so tests move time by hand.
 */
final class JobQueue {

    private static final String JOB_COLUMNS = "id, organization_id, kind, subject_id, execution_id, attempts, epoch, started_at";

    /**
     * Queues a run unless the sync already has one queued or running; returns that run's execution id when it does.
     */
    Optional<UUID> offer(Session session, String kind, UUID organizationId, UUID subjectId, UUID executionId, Instant now) {
        int inserted = session.createNativeMutationQuery("""
                        INSERT INTO jobs (id, organization_id, kind, subject_id, execution_id, state, run_at, created_at)
                        VALUES (:id, :org, :kind, :subject, :execution, 'queued', :now, :now)
                        ON CONFLICT (kind, subject_id) WHERE state <> 'finished' DO NOTHING""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("org", organizationId)
                .setParameter("kind", kind)
                .setParameter("subject", subjectId)
                .setParameter("execution", executionId)
                .setParameter("now", now)
                .executeUpdate();
        return inserted == 1 ? Optional.empty() : Optional.of(activeExecution(session, kind, subjectId).orElseThrow());
    }

    Optional<UUID> activeExecution(Session session, String kind, UUID subjectId) {
        return session.createNativeQuery("SELECT execution_id FROM jobs WHERE kind = :kind AND subject_id = :subject AND state <> 'finished'",
                        UUID.class)
                .setParameter("kind", kind)
                .setParameter("subject", subjectId)
                .uniqueResultOptional();
    }

    /** Takes the oldest due job of the given kinds, if any, for {@code worker}. */
    Optional<Job> claim(Session session, Collection<String> kinds, String worker, Instant now) {
        return session.createNativeQuery("""
                        UPDATE jobs SET state = 'running', attempts = attempts + 1, epoch = epoch + 1, worker = :worker,
                            heartbeat_at = :now, started_at = coalesce(started_at, :now)
                        WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= :now AND kind IN (:kinds)
                                    ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + JOB_COLUMNS, Object[].class)
                .setParameter("worker", worker)
                .setParameter("now", now)
                .setParameterList("kinds", kinds)
                .uniqueResultOptional()
                .map(JobQueue::job);
    }

    /** Records that the worker is alive; empty when the job is no longer this worker's, else whether cancel was asked. */
    Optional<Boolean> heartbeat(Session session, Job job, Instant now) {
        return session.createNativeQuery("""
                        UPDATE jobs SET heartbeat_at = :now WHERE id = :id AND epoch = :epoch AND state = 'running'
                        RETURNING cancel_requested""", Boolean.class)
                .setParameter("now", now)
                .setParameter("id", job.id())
                .setParameter("epoch", job.epoch())
                .uniqueResultOptional();
    }

    /** Locks the job for its ending; empty when this worker no longer holds it. */
    Optional<Job> lockHeld(Session session, Job job) {
        return session.createNativeQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = :id AND epoch = :epoch AND state = 'running' FOR UPDATE",
                        Object[].class)
                .setParameter("id", job.id())
                .setParameter("epoch", job.epoch())
                .uniqueResultOptional()
                .map(JobQueue::job);
    }

    /** Puts the job back in the queue, due at {@code runAt}; the epoch moves on so the old holder is fenced out. */
    void requeue(Session session, Job job, Instant runAt, boolean countAttempt) {
        session.createNativeMutationQuery("""
                        UPDATE jobs SET state = 'queued', run_at = :runAt, worker = NULL, epoch = epoch + 1,
                            attempts = attempts - CASE WHEN :count THEN 0 ELSE 1 END
                        WHERE id = :id""")
                .setParameter("runAt", runAt)
                .setParameter("count", countAttempt)
                .setParameter("id", job.id())
                .executeUpdate();
    }

    void finish(Session session, Job job, String outcome, Instant now) {
        session.createNativeMutationQuery("""
                        UPDATE jobs SET state = 'finished', outcome = :outcome, finished_at = :now, worker = NULL, epoch = epoch + 1
                        WHERE id = :id""")
                .setParameter("outcome", outcome)
                .setParameter("now", now)
                .setParameter("id", job.id())
                .executeUpdate();
    }

    /** Running jobs whose worker has not reported since {@code cutoff}, locked for recovery. */
    List<Job> stale(Session session, Instant cutoff) {
        return session.createNativeQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE state = 'running' AND heartbeat_at < :cutoff"
                        + " ORDER BY heartbeat_at LIMIT 100 FOR UPDATE SKIP LOCKED", Object[].class)
                .setParameter("cutoff", cutoff)
                .getResultList().stream().map(JobQueue::job).toList();
    }

    /** Running jobs started before {@code cutoff} whose long-run alert has not been sent; marked as sent. */
    List<Job> longRunning(Session session, Instant cutoff) {
        return session.createNativeQuery("""
                        UPDATE jobs SET long_alerted = true
                        WHERE id IN (SELECT id FROM jobs WHERE state = 'running' AND NOT long_alerted AND started_at < :cutoff
                                     LIMIT 100 FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + JOB_COLUMNS, Object[].class)
                .setParameter("cutoff", cutoff)
                .getResultList().stream().map(JobQueue::job).toList();
    }

    /**
     * Asks the sync's active run to stop. A queued run is returned so the caller ends it at once; a running one is
     * flagged for its worker, which sees the flag at its next heartbeat.
     */
    Optional<ActiveJob> requestCancel(Session session, String kind, UUID subjectId) {
        return session.createNativeQuery("UPDATE jobs SET cancel_requested = true WHERE kind = :kind AND subject_id = :subject"
                        + " AND state <> 'finished' RETURNING state, " + JOB_COLUMNS, Object[].class)
                .setParameter("kind", kind)
                .setParameter("subject", subjectId)
                .uniqueResultOptional()
                .map(row -> new ActiveJob((String) row[0], job(java.util.Arrays.copyOfRange(row, 1, row.length))));
    }

    record ActiveJob(String state, Job job) {}

    /** Deletes the sync's queue entries (the sync itself is being deleted). */
    void forget(Session session, String kind, UUID subjectId) {
        session.createNativeMutationQuery("DELETE FROM jobs WHERE kind = :kind AND subject_id = :subject")
                .setParameter("kind", kind)
                .setParameter("subject", subjectId)
                .executeUpdate();
    }

    /** Finished entries are kept for run-after checks and history, then dropped. */
    int purgeFinished(Session session, Instant before) {
        return session.createNativeMutationQuery("DELETE FROM jobs WHERE state = 'finished' AND finished_at < :before")
                .setParameter("before", before)
                .executeUpdate();
    }

    /** Runs due and waiting for a worker, runs running, and how many workers hold those. */
    /** {@code stalestHeartbeat}: the oldest last report among running jobs, the worker most likely to be gone. */
    record Depth(long due, long running, long workers, Optional<Instant> stalestHeartbeat) {}

    Depth depth(Session session, Instant now) {
        Object[] row = session.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE state = 'queued' AND run_at <= :now), count(*) FILTER (WHERE state = 'running'),
                               count(DISTINCT worker) FILTER (WHERE state = 'running'), min(heartbeat_at) FILTER (WHERE state = 'running')
                        FROM jobs WHERE state <> 'finished'""", Object[].class)
                .setParameter("now", now)
                .getSingleResult();
        return new Depth(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                Optional.ofNullable(row[3]).map(JobQueue::instant));
    }

    /** How long a job waits before its next attempt: 30 s, then doubling, at most 30 minutes. */
    static Duration backoff(int attempts) {
        long seconds = 30L << Math.min(Math.max(attempts - 1, 0), 6);
        return Duration.ofSeconds(Math.min(seconds, Duration.ofMinutes(30).toSeconds()));
    }

    private static Job job(Object[] row) {
        return new Job((UUID) row[0], (UUID) row[1], (String) row[2], (UUID) row[3], (UUID) row[4], ((Number) row[5]).intValue(),
                ((Number) row[6]).longValue(), instant(row[7]));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case java.time.OffsetDateTime offset -> offset.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("unexpected time value " + value.getClass());
        };
    }
}
