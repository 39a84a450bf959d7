package dev.tributary.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * When each sync runs next, in the metadata database. A scheduler takes due rows with {@code FOR UPDATE SKIP LOCKED}
 * and moves {@code next_run_at} on in the same transaction that queues the run, so several schedulers queue each
 * due run once.
 */
final class Schedules {

    /** A continuous sync starts again at most this often. */
    static final Duration CONTINUOUS_GAP = Duration.ofMinutes(1);

    record Due(String kind, UUID subjectId, UUID organizationId, Plan plan) {}

    /** Keeps a sync's schedule; an unchanged schedule keeps its next run (editing a sync's name does not start it). */
    void save(Session session, String kind, UUID organizationId, UUID subjectId, Plan plan, Instant now) {
        Instant next = plan.frequency() == Plan.Frequency.CONTINUOUS ? now : plan.nextAfter(now).orElse(null);
        session.createNativeMutationQuery("""
                        INSERT INTO schedules (kind, subject_id, organization_id, schedule, run_after, next_run_at, updated_at)
                        VALUES (:kind, :subject, :org, :schedule, :after, CAST(:next AS timestamptz), :now)
                        ON CONFLICT (kind, subject_id) DO UPDATE SET schedule = excluded.schedule, run_after = excluded.run_after,
                            next_run_at = excluded.next_run_at, updated_at = excluded.updated_at, last_enqueued_at = NULL
                        WHERE schedules.schedule IS DISTINCT FROM excluded.schedule""")
                .setParameter("kind", kind)
                .setParameter("subject", subjectId)
                .setParameter("org", organizationId)
                .setParameter("schedule", Plan.toJson(plan.spec()))
                .setParameter("after", plan.runAfter().toArray(UUID[]::new))
                .setParameter("next", next, Instant.class)
                .setParameter("now", now)
                .executeUpdate();
    }

    Optional<Instant> nextRun(Session session, String kind, UUID subjectId) {
        return session.createNativeQuery("SELECT next_run_at FROM schedules WHERE kind = :kind AND subject_id = :subject", Instant.class)
                .setParameter("kind", kind)
                .setParameter("subject", subjectId)
                .uniqueResultOptional();
    }

    /** Due schedules, locked until the caller's transaction ends; other schedulers skip them. */
    List<Due> due(Session session, Collection<String> kinds, Instant now) {
        List<Object[]> rows = session.createNativeQuery("""
                        SELECT kind, subject_id, organization_id, schedule FROM schedules
                        WHERE next_run_at <= :now AND kind IN (:kinds) ORDER BY next_run_at LIMIT 100 FOR UPDATE SKIP LOCKED""", Object[].class)
                .setParameter("now", now)
                .setParameterList("kinds", kinds)
                .getResultList();
        List<Due> due = new ArrayList<>();
        for (Object[] row : rows) {
            Plan plan = Plan.parse(Plan.fromJson((String) row[3]), true, "schedule", new ArrayList<>()).orElseGet(Plan::manual);
            due.add(new Due((String) row[0], (UUID) row[1], (UUID) row[2], plan));
        }
        return due;
    }

    /** After a due schedule was handled: when it runs next (none for schedules not driven by the clock). */
    void advance(Session session, Due due, Instant now, boolean enqueued) {
        session.createNativeMutationQuery("""
                        UPDATE schedules SET next_run_at = CAST(:next AS timestamptz), last_enqueued_at = CASE WHEN :enqueued THEN :now ELSE last_enqueued_at END
                        WHERE kind = :kind AND subject_id = :subject""")
                .setParameter("next", due.plan().nextAfter(now).orElse(null), Instant.class)
                .setParameter("enqueued", enqueued)
                .setParameter("now", now)
                .setParameter("kind", due.kind())
                .setParameter("subject", due.subjectId())
                .executeUpdate();
    }

    /**
     * A sync finished: a continuous schedule of its own comes due again (a minute after its start at the earliest), and
     * runafter schedules whose listed syncs have now all finished since their last run come due now.
     */
    void finished(Session session, Job job, boolean succeeded, Instant now) {
        session.createNativeMutationQuery("""
                        UPDATE schedules SET next_run_at = greatest(CAST(:now AS timestamptz), CAST(:earliest AS timestamptz))
                        WHERE kind = :kind AND subject_id = :subject AND schedule::jsonb ->> 'frequency' = 'continuous'""")
                .setParameter("now", now)
                .setParameter("earliest", Optional.ofNullable(job.startedAt()).orElse(now).plus(CONTINUOUS_GAP))
                .setParameter("kind", job.kind())
                .setParameter("subject", job.subjectId())
                .executeUpdate();
        // Each listed sync must have finished (successfully, when asked) since the dependent sync was last queued.
        session.createNativeMutationQuery("""
                        UPDATE schedules s SET next_run_at = :now
                        WHERE :subject = ANY (s.run_after) AND s.schedule::jsonb ->> 'frequency' = 'runafter'
                          AND (:succeeded OR coalesce((s.schedule::jsonb ->> 'run_after_success_only')::boolean, false) = false)
                          AND cardinality(s.run_after) = (
                              SELECT count(DISTINCT j.subject_id) FROM jobs j
                              WHERE j.subject_id = ANY (s.run_after) AND j.state = 'finished'
                                AND j.finished_at > coalesce(s.last_enqueued_at, s.updated_at)
                                AND (coalesce((s.schedule::jsonb ->> 'run_after_success_only')::boolean, false) = false
                                     OR j.outcome IN ('completed', 'completed_with_errors')))""")
                .setParameter("now", now)
                .setParameter("subject", job.subjectId())
                .setParameter("succeeded", succeeded)
                .executeUpdate();
    }

    void forget(Session session, String kind, UUID subjectId) {
        session.createNativeMutationQuery("DELETE FROM schedules WHERE kind = :kind AND subject_id = :subject")
                .setParameter("kind", kind)
                .setParameter("subject", subjectId)
                .executeUpdate();
        session.createNativeMutationQuery("UPDATE schedules SET run_after = array_remove(run_after, :subject) WHERE :subject = ANY (run_after)")
                .setParameter("subject", subjectId)
                .executeUpdate();
    }
}
