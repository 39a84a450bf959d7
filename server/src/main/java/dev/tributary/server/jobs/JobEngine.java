package dev.tributary.server.jobs;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.jobs.Schedule;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.store.Store;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs syncs on time, once, on any number of containers. The {@code scheduler} role queues due runs and recovers runs
 * whose worker died; the {@code worker} role claims runs and keeps their leases alive; every role may start and
 * cancel runs. All state is in the metadata database, so containers share nothing else.
 */
public final class JobEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobEngine.class);
    /** A run whose worker has not reported for this long is taken over. */
    public static final Duration LEASE_TIMEOUT = Duration.ofSeconds(60);
    /** Retries after a worker died or a transient failure, before the run fails for good. */
    public static final int MAX_ATTEMPTS = 5;
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration TICK = Duration.ofSeconds(2);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Duration KEEP_FINISHED = Duration.ofDays(30);
    /** Logging context (MDC) set while a run goes on: the lines it logs are its execution's log. */
    public static final String SYNC_ID = "sync_id";
    public static final String EXECUTION_ID = "execution_id";

    private final Store store;
    private final Map<String, JobKind> kinds = new ConcurrentHashMap<>();
    private final JobListener listener;
    private final RunObserver observer;
    private final Duration longRunThreshold;
    private final Clock clock;
    private final JobQueue queue = new JobQueue();
    private final Schedules schedules = new Schedules();
    private final String worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<UUID, Lease> leases = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("jobs-timer").daemon().factory());
    private final ExecutorService runs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-", 0).factory());
    private volatile boolean closed;
    private volatile Instant lastTick;
    private volatile int slots;

    public JobEngine(Store store, JobListener listener, Duration longRunThreshold, Clock clock) {
        this(store, listener, RunObserver.NONE, longRunThreshold, clock);
    }

    public JobEngine(Store store, JobListener listener, RunObserver observer, Duration longRunThreshold, Clock clock) {
        this.store = store;
        this.listener = listener;
        this.observer = observer;
        this.longRunThreshold = longRunThreshold;
        this.clock = clock;
    }

    /** Adds a kind of sync this engine runs and schedules; done at startup, before the loops start. */
    public void register(JobKind kind) {
        kinds.put(kind.name(), kind);
    }

    /** Starts the worker loop ({@code slots} runs at once) and the heartbeats. */
    public void startWorker(int slots) {
        this.slots = slots;
        Thread.ofPlatform().name("jobs-worker").daemon().start(() -> work(slots));
        timers.scheduleWithFixedDelay(this::heartbeats, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Worker {} takes up to {} runs at once", worker, slots);
    }

    /** Starts the scheduler: due runs queued, dead workers' runs recovered, long runs reported. */
    public void startScheduler() {
        timers.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("Scheduling pass failed: {}", e.getMessage());
            }
        }, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- starting, cancelling, scheduling: called by the sync services, in their transactions ----

    /** Queues a run now; a sync with a run queued or running answers 409 naming that run's execution. */
    public void enqueue(Session session, JobKind kind, UUID organizationId, UUID subjectId, UUID executionId) {
        Optional<UUID> active = queue.offer(session, kind.name(), organizationId, subjectId, executionId, clock.instant());
        if (active.isPresent()) {
            throw new TributaryException(ErrorCode.CONFLICT, "The sync is already running: execution " + active.get()
                    + ". Wait for it to end or cancel it.");
        }
    }

    /** Wakes this container's worker after a run was queued, instead of at its next poll. */
    public void nudge() {
        wake.release();
    }

    public Optional<UUID> activeExecution(Session session, JobKind kind, UUID subjectId) {
        return queue.activeExecution(session, kind.name(), subjectId);
    }

    /**
     * Asks the sync's active run to stop: a queued run is canceled at once, a running one stops within seconds (at its
     * worker's next heartbeat, at once when it runs here) and leaves the destination consistent. Returns its execution.
     */
    public UUID cancel(JobKind kind, UUID subjectId) {
        UUID execution = store.inTransaction(session -> {
            JobQueue.ActiveJob active = queue.requestCancel(session, kind.name(), subjectId).orElseThrow(() ->
                    new TributaryException(ErrorCode.CONFLICT, "The sync is not running."));
            Instant now = clock.instant();
            if (active.state().equals("queued")) {
                queue.finish(session, active.job(), "canceled", now);
                kind.transition(session, active.job(), "canceled", null, now);
                event(session, kind, active.job(), "canceled");
            } else {
                kind.transition(session, active.job(), "canceling", null, now);
            }
            return active.job().executionId();
        });
        leases.values().stream().filter(lease -> lease.job().executionId().equals(execution)).forEach(lease -> lease.stop(Lease.Stop.CANCELED));
        return execution;
    }

    /** Checks a schedule for a sync of {@code kind}: its fields, and that runafter names existing syncs other than itself. */
    public Optional<Plan> plan(Session session, UUID organizationId, Optional<UUID> subjectId, Schedule schedule, boolean multiAllowed,
            List<FieldError> errors) {
        int before = errors.size();
        Optional<Plan> plan = Plan.parse(schedule, multiAllowed, "schedule", errors);
        plan.ifPresent(p -> p.runAfter().forEach(id -> {
            if (subjectId.equals(Optional.of(id))) {
                errors.add(new FieldError("schedule.run_after", "cannot name the sync itself."));
            } else if (kinds.values().stream().allMatch(kind -> kind.active(session, organizationId, id).isEmpty())) {
                errors.add(new FieldError("schedule.run_after", "'" + id + "' is not a sync or bulk sync of this organization."));
            }
        }));
        return errors.size() == before ? plan : Optional.empty();
    }

    public void schedule(Session session, JobKind kind, UUID organizationId, UUID subjectId, Plan plan) {
        schedules.save(session, kind.name(), organizationId, subjectId, plan, clock.instant());
    }

    public Optional<Instant> nextRun(Session session, JobKind kind, UUID subjectId) {
        return schedules.nextRun(session, kind.name(), subjectId);
    }

    /** The sync is being deleted: its schedule and queue entries go with it. */
    public void forget(Session session, JobKind kind, UUID subjectId) {
        queue.forget(session, kind.name(), subjectId);
        schedules.forget(session, kind.name(), subjectId);
    }

    // ---- the scheduler role ----

    /** One scheduling pass: queue due runs, recover runs of dead workers, report long runs, drop old history. */
    public void tick() {
        Instant now = clock.instant();
        store.inTransaction(session -> {
            for (Schedules.Due due : schedules.due(session, kinds.keySet(), now)) {
                JobKind kind = kinds.get(due.kind());
                boolean active = kind.active(session, due.organizationId(), due.subjectId()).orElse(false);
                boolean enqueued = active && queue.activeExecution(session, due.kind(), due.subjectId()).isEmpty();
                if (enqueued) {
                    UUID execution = kind.newExecution(session, due.subjectId(), now);
                    queue.offer(session, due.kind(), due.organizationId(), due.subjectId(), execution, now);
                    log.info("Scheduled run of {} {} queued: execution {}", due.kind(), due.subjectId(), execution);
                }
                schedules.advance(session, due, now, enqueued);
            }
            return null;
        });
        recover(now);
        if (longRunThreshold.isPositive()) {
            store.inTransaction(session -> {
                for (Job job : queue.longRunning(session, now.minus(longRunThreshold))) {
                    listener.longRunning(session, job.organizationId(), Duration.between(job.startedAt(), now),
                            kinds.get(job.kind()).describe(session, job));
                }
                return null;
            });
        }
        store.inTransaction(session -> queue.purgeFinished(session, now.minus(KEEP_FINISHED)));
        lastTick = now;
        nudge();
    }

    /** Runs whose worker stopped reporting go back to the queue (resuming from their checkpoints), or fail after the last attempt. */
    private void recover(Instant now) {
        store.inTransaction(session -> {
            for (Job job : queue.stale(session, now.minus(LEASE_TIMEOUT))) {
                JobKind kind = kinds.get(job.kind());
                if (kind == null) {
                    continue;
                }
                String cause = "its worker stopped reporting for more than " + LEASE_TIMEOUT.toSeconds() + " s";
                retryOrFail(session, kind, job, JobResult.failed(cause, true), now);
            }
            return null;
        });
    }

    /**
     * The state of the queue and of this container's loops, for the admin health page. {@code stalestHeartbeat} is the
     * oldest last report among running runs, whichever container runs them.
     */
    public record Health(long due, long running, long workers, Optional<Instant> stalestHeartbeat, int runningHere, int slots,
            Optional<Instant> lastSchedulerPass) {}

    public Health health() {
        JobQueue.Depth depth = store.inTransaction(session -> queue.depth(session, clock.instant()));
        return new Health(depth.due(), depth.running(), depth.workers(), depth.stalestHeartbeat(), leases.size(), slots,
                Optional.ofNullable(lastTick));
    }

    // ---- the worker role ----

    private void work(int slots) {
        Semaphore free = new Semaphore(slots);
        while (!closed) {
            try {
                free.acquire();
                Optional<Job> claimed = closed ? Optional.empty() : claim();
                if (claimed.isEmpty()) {
                    free.release();
                    wake.drainPermits();
                    wake.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                runs.submit(() -> {
                    try {
                        run(claimed.get());
                    } finally {
                        free.release();
                    }
                });
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                free.release();
                log.warn("Could not claim a run: {}", e.getMessage());
                sleepQuietly(IDLE_POLL);
            }
        }
    }

    /** Claims one due run, if any, marking its execution running. Public so tests drive a worker step by step. */
    public Optional<Job> claim() {
        Optional<Job> job = store.inTransaction(session -> {
            Instant now = clock.instant();
            Optional<Job> claimed = queue.claim(session, kinds.keySet(), worker, now);
            claimed.ifPresent(running -> {
                JobKind kind = kinds.get(running.kind());
                kind.transition(session, running, "running", null, now);
                event(session, kind, running, "running");
            });
            return claimed;
        });
        // Only once the claim is committed: a heartbeat before that would not find the job running and take it as lost.
        job.ifPresent(claimed -> leases.put(claimed.id(), new Lease(claimed)));
        return job;
    }

    /** Runs a claimed job to its end and records how it ended, unless another worker took it over meanwhile. */
    public void run(Job job) {
        // Every line logged while the run goes on, here and in the sync, is part of the execution's log.
        try (MDC.MDCCloseable sync = MDC.putCloseable(SYNC_ID, job.subjectId().toString());
                MDC.MDCCloseable execution = MDC.putCloseable(EXECUTION_ID, job.executionId().toString())) {
            log.info("Execution {} of {} {} started (attempt {})", job.executionId(), job.kind(), job.subjectId(), job.attempts());
            runLogged(job);
        }
    }

    private void runLogged(Job job) {
        Lease lease = leases.get(job.id());
        JobKind kind = kinds.get(job.kind());
        JobResult result;
        try {
            result = observer.observe(kind, job, () -> kind.run(job, lease));
        } catch (Lease.LeaseLostException lost) {
            result = JobResult.canceled();
        } catch (RuntimeException | Error failure) {
            log.error("Run of {} {} (execution {}) failed unexpectedly", job.kind(), job.subjectId(), job.executionId(), failure);
            result = JobResult.failed("an unexpected error stopped the run: " + failure, false);
        } finally {
            leases.remove(job.id());
        }
        try {
            end(kind, lease, result);
        } catch (RuntimeException e) {
            // The run stays "running" without heartbeats, so recovery takes it over after the lease timeout.
            log.error("Could not record the end of execution {}: {}", job.executionId(), e.getMessage(), e);
        }
    }

    private void end(JobKind kind, Lease lease, JobResult result) {
        Job job = lease.job();
        store.inTransaction(session -> {
            Instant now = clock.instant();
            if (queue.lockHeld(session, job).isEmpty()) {
                log.warn("Execution {} was taken over by another worker; this worker's ending is dropped", job.executionId());
                return null;
            }
            if (lease.stopReason().filter(reason -> reason == Lease.Stop.SHUTDOWN).isPresent()) {
                queue.requeue(session, job, now, false);
                kind.transition(session, job, "interrupted", "the worker running it was stopped; it resumes from its last checkpoint", now);
                return null;
            }
            retryOrFail(session, kind, job, result, now);
            return null;
        });
    }

    private void retryOrFail(Session session, JobKind kind, Job job, JobResult result, Instant now) {
        if (result.retriable() && job.attempts() < MAX_ATTEMPTS) {
            Instant at = now.plus(JobQueue.backoff(job.attempts()));
            queue.requeue(session, job, at, true);
            kind.transition(session, job, "interrupted", result.error() + "; trying again at " + at + " (attempt " + (job.attempts() + 1)
                    + " of " + MAX_ATTEMPTS + "), resuming from the last checkpoint", now);
            log.info("Execution {} interrupted ({}); retry {} at {}", job.executionId(), result.error(), job.attempts() + 1, at);
            return;
        }
        String error = result.retriable() ? result.error() + " (gave up after " + job.attempts() + " attempts)" : result.error();
        queue.finish(session, job, result.status(), now);
        log.info("Execution {} ended: {}{}", job.executionId(), result.status(), error == null ? "" : " (" + error + ")");
        kind.transition(session, job, result.status(), error, now);
        event(session, kind, job, result.status());
        schedules.finished(session, job, result.succeeded(), now);
    }

    private void event(Session session, JobKind kind, Job job, String status) {
        listener.record(session, job.organizationId(), job.kind() + "." + status, kind.describe(session, job));
    }

    /** Keeps this worker's leases alive and passes on cancel requests; a lease found taken over stops its run. */
    private void heartbeats() {
        for (Lease lease : List.copyOf(leases.values())) {
            try {
                Optional<Boolean> cancel = store.inTransaction(session -> queue.heartbeat(session, lease.job(), clock.instant()));
                if (cancel.isEmpty()) {
                    lease.stop(Lease.Stop.LOST);
                } else if (cancel.get()) {
                    lease.stop(Lease.Stop.CANCELED);
                }
            } catch (RuntimeException e) {
                log.warn("Heartbeat of execution {} failed: {}", lease.job().executionId(), e.getMessage());
            }
        }
    }

    /** For tests: one heartbeat pass, as the timer runs it. */
    public void heartbeatNow() {
        heartbeats();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops claiming; runs in progress are asked to stop and, within {@code grace}, go back to the queue so another
     * worker resumes them at once instead of after the lease timeout.
     */
    public void stop(Duration grace) {
        closed = true;
        wake.release();
        timers.shutdownNow();
        leases.values().forEach(lease -> lease.stop(Lease.Stop.SHUTDOWN));
        runs.shutdown();
        try {
            if (!runs.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)) {
                runs.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** The frequencies a schedule may have, for {@code GET /api/syncs/schedules}. */
    public static List<Plan.Frequency> frequencies() {
        return List.of(Plan.Frequency.values());
    }
}
