package dev.tributary.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.hibernate.Session;

/**
 * A kind of sync for exercising the real engine on the real database: its executions are kept in memory and its runs
 * do what the test says. Everything around it (queue, leases, schedules) is the production code.
 */
final class TestingKind implements JobKind, JobListener {

    /** Execution id to its status, and to its sync. */
    final Map<UUID, String> statuses = new ConcurrentHashMap<>();
    final Map<UUID, UUID> syncs = new ConcurrentHashMap<>();
    final Map<UUID, String> errors = new ConcurrentHashMap<>();
    final Set<UUID> paused = ConcurrentHashMap.newKeySet();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Duration> longRuns = new CopyOnWriteArrayList<>();
    volatile BiFunction<Job, Lease, JobResult> behaviour = (job, lease) -> JobResult.completed(false);

    @Override
    public String name() {
        return "test_sync";
    }

    @Override
    public Optional<Boolean> active(Session session, UUID organizationId, UUID subjectId) {
        return Optional.of(!paused.contains(subjectId));
    }

    @Override
    public UUID newExecution(Session session, UUID subjectId, Instant now) {
        UUID id = UUID.randomUUID();
        statuses.put(id, "queued");
        syncs.put(id, subjectId);
        return id;
    }

    @Override
    public void transition(Session session, Job job, String status, String error, Instant now) {
        statuses.put(job.executionId(), status);
        if (error != null) {
            errors.put(job.executionId(), error);
        }
    }

    @Override
    public Map<String, Object> describe(Session session, Job job) {
        return Map.of("execution_id", job.executionId(), "status", statuses.get(job.executionId()));
    }

    @Override
    public JobResult run(Job job, Lease lease) {
        return behaviour.apply(job, lease);
    }

    @Override
    public void record(Session session, UUID organizationId, String type, Map<String, Object> data) {
        events.add(type);
    }

    @Override
    public void longRunning(Session session, UUID organizationId, Duration runningFor, Map<String, Object> data) {
        longRuns.add(runningFor);
    }

    /** The executions of one sync, in no particular order. */
    List<UUID> executionsOf(UUID sync) {
        return syncs.entrySet().stream().filter(entry -> entry.getValue().equals(sync)).map(Map.Entry::getKey).toList();
    }
}
