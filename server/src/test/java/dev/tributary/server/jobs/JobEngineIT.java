package dev.tributary.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.jobs.Schedule;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job engine on the real metadata database, with several engines standing in for several containers and a clock
 * moved by hand. The server itself runs only the web role here, so the engines under test are the only workers and
 * schedulers.
 */
class JobEngineIT {

    /** A Wednesday. */
    private static final Instant START = Instant.parse("2026-11-25T10:17:30Z");

    private final MutableClock clock = new MutableClock(START);
    private final TestingServer server = new TestingServer(Map.of("ROLE", "web"), clock);
    private final UUID organization = organization();
    private final TestingKind kind = new TestingKind();
    private final List<JobEngine> engines = new ArrayList<>();
    private final JobEngine engine = engine();

    @AfterEach
    void stop() {
        engines.forEach(JobEngine::close);
        server.close();
    }

    @Test
    void hourlyFiresAtItsMinute() {
        assertFiresAt(schedule("hourly", "5", null, null, null), "2026-11-25T11:05:00Z", "2026-11-25T12:05:00Z", "2026-11-25T13:05:00Z");
    }

    @Test
    void dailyFiresAtItsHourAndMinute() {
        assertFiresAt(schedule("daily", "30", "2", null, null), "2026-11-26T02:30:00Z", "2026-11-27T02:30:00Z");
    }

    @Test
    void weeklyFiresOnItsDay() {
        assertFiresAt(schedule("weekly", "0", "9", "monday", null), "2026-11-30T09:00:00Z", "2026-12-07T09:00:00Z");
    }

    @Test
    void customFiresAtItsCronTimes() {
        assertFiresAt(schedule("custom", null, null, null, "0 8,17 * * 1-5"), "2026-11-25T17:00:00Z", "2026-11-26T08:00:00Z",
                "2026-11-26T17:00:00Z", "2026-11-27T08:00:00Z", "2026-11-27T17:00:00Z", "2026-11-30T08:00:00Z");
    }

    @Test
    void multiFiresAtEachOfItsSchedules() {
        Schedule multi = new Schedule("multi", null, null, null, null, null, null, null, null, new Schedule.Multi(List.of(
                schedule("daily", "0", "12", null, null), schedule("hourly", "50", null, null, null))));
        assertFiresAt(multi, "2026-11-25T10:50:00Z", "2026-11-25T11:50:00Z", "2026-11-25T12:00:00Z", "2026-11-25T12:50:00Z");
    }

    @Test
    void savingAnUnchangedScheduleKeepsItsNextRunAndAChangedOneMovesIt() {
        UUID sync = UUID.randomUUID();
        schedule(sync, schedule("continuous", null, null, null, null));
        runDue(engine);
        engine.tick();
        runDue(engine);
        Optional<Instant> next = nextRun(sync);
        assertThat(next).contains(START.plusSeconds(60));

        schedule(sync, schedule("continuous", null, null, null, null));
        assertThat(nextRun(sync)).as("editing a sync's other settings does not start it").isEqualTo(next);
        schedule(sync, schedule("hourly", "30", null, null, null));
        assertThat(nextRun(sync)).contains(Instant.parse("2026-11-25T10:30:00Z"));
    }

    @Test
    void aPausedSyncSkipsItsScheduledRunsAndNextRunMovesOn() {
        UUID sync = UUID.randomUUID();
        schedule(sync, schedule("hourly", "0", null, null, null));
        kind.paused.add(sync);

        clock.moveTo(Instant.parse("2026-11-25T11:00:00Z"));
        engine.tick();

        assertThat(kind.executionsOf(sync)).isEmpty();
        assertThat(nextRun(sync)).contains(Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Test
    void continuousStartsAgainWhenTheLastRunEndsAtMostEveryMinute() {
        UUID sync = UUID.randomUUID();
        schedule(sync, schedule("continuous", null, null, null, null));

        engine.tick();
        engine.tick();
        assertThat(kind.executionsOf(sync)).as("queued once, however often the scheduler passes").hasSize(1);
        runDue(engine);
        assertThat(nextRun(sync)).as("a minute after the run started").contains(START.plusSeconds(60));

        clock.advance(Duration.ofSeconds(59));
        engine.tick();
        assertThat(kind.executionsOf(sync)).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        engine.tick();
        assertThat(kind.executionsOf(sync)).hasSize(2);

        Job second = engine.claim().orElseThrow();
        clock.advance(Duration.ofMinutes(5));
        engine.run(second);
        assertThat(nextRun(sync)).as("a long run is followed at once").contains(clock.instant());
    }

    @Test
    void runAfterChainsStartWhenEveryListedSyncHasFinished() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        schedule(second, runAfter(false, first));
        schedule(third, runAfter(true, first, second));

        start(first);
        clock.advance(Duration.ofSeconds(1));
        runDue(engine);
        engine.tick();
        assertThat(kind.executionsOf(second)).as("second follows first").hasSize(1);
        assertThat(kind.executionsOf(third)).as("third waits for second too").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        runDue(engine);
        engine.tick();
        assertThat(kind.executionsOf(third)).as("first and second both finished").hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        runDue(engine);

        kind.behaviour = (job, lease) -> JobResult.failed("the source refused the password", false);
        start(first);
        clock.advance(Duration.ofSeconds(1));
        runDue(engine);
        engine.tick();
        assertThat(kind.executionsOf(second)).as("second runs after first whatever its outcome").hasSize(2);
        kind.behaviour = (job, lease) -> JobResult.completed(false);
        clock.advance(Duration.ofSeconds(1));
        runDue(engine);
        engine.tick();
        assertThat(kind.executionsOf(third)).as("third runs only after successes").hasSize(1);
    }

    @Test
    void twoSchedulersQueueEachDueRunOnce() throws Exception {
        JobEngine other = engine();
        List<UUID> syncs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID sync = UUID.randomUUID();
            syncs.add(sync);
            schedule(sync, schedule("hourly", "0", null, null, null));
        }
        for (int round = 1; round <= 3; round++) {
            clock.moveTo(Instant.parse("2026-11-25T10:00:00Z").plus(Duration.ofHours(round)));
            together(engine::tick, other::tick);
            for (UUID sync : syncs) {
                assertThat(kind.executionsOf(sync)).as("round %d", round).hasSize(round);
            }
            runDue(engine);
        }
    }

    @Test
    void aSyncRunsOnOneWorkerAtATime() throws Exception {
        JobEngine other = engine();
        UUID sync = UUID.randomUUID();
        start(sync);

        Job claimed = engine.claim().orElseThrow();

        assertThat(other.claim()).isEmpty();
        assertThatThrownBy(() -> start(sync)).isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.getMessage()).contains(claimed.executionId().toString());
        });
        engine.run(claimed);
        assertThat(kind.statuses).containsEntry(claimed.executionId(), "completed");
    }

    @Test
    void twoWorkersClaimingTogetherNeverTakeTheSameRun() throws Exception {
        JobEngine other = engine();
        for (int i = 0; i < 40; i++) {
            start(UUID.randomUUID());
        }
        Set<UUID> claimedByOne = ConcurrentHashMap.newKeySet();
        Set<UUID> claimedByOther = ConcurrentHashMap.newKeySet();

        together(() -> engine.claim().ifPresent(job -> claimedByOne.add(job.executionId())),
                () -> other.claim().ifPresent(job -> claimedByOther.add(job.executionId())), 40);

        assertThat(Collections.disjoint(claimedByOne, claimedByOther)).isTrue();
        assertThat(claimedByOne.size() + claimedByOther.size()).isEqualTo(40);
    }

    @Test
    void workerLoopsOnTwoContainersRunEverySyncOneAtATime() {
        JobEngine other = engine();
        Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        kind.behaviour = (job, lease) -> {
            if (inFlight.computeIfAbsent(job.subjectId(), id -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            inFlight.get(job.subjectId()).decrementAndGet();
            finished.incrementAndGet();
            return JobResult.completed(false);
        };
        engine.startWorker(3);
        other.startWorker(3);
        List<UUID> syncs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            syncs.forEach(this::startUnlessActive);
            return finished.get() >= 60;
        });

        assertThat(overlaps.get()).isZero();
    }

    @Test
    void aRunWhoseWorkerDiedIsTakenOverAndTheDeadWorkerCanCommitNothing() {
        JobEngine survivor = engine();
        UUID sync = UUID.randomUUID();
        UUID execution = start(sync);
        Job lost = engine.claim().orElseThrow();

        clock.advance(JobEngine.LEASE_TIMEOUT.plusSeconds(1));
        survivor.tick();

        assertThat(kind.statuses).containsEntry(execution, "interrupted");
        assertThat(kind.errors.get(execution)).contains("its worker stopped reporting", "attempt 2 of 5");
        assertThat(survivor.claim()).as("waits its backoff").isEmpty();
        clock.advance(Duration.ofSeconds(30));
        Job taken = survivor.claim().orElseThrow();
        assertThat(taken.attempts()).isEqualTo(2);
        assertThat(taken.epoch()).isGreaterThan(lost.epoch());

        // The first worker wakes up and tries to record progress with its old lease.
        kind.behaviour = (job, lease) -> {
            server.server().store().inTransaction(session -> {
                lease.hold(session);
                return null;
            });
            return JobResult.completed(false);
        };
        engine.run(lost);
        assertThat(kind.statuses).as("the stale worker's ending is dropped").containsEntry(execution, "running");

        survivor.run(taken);
        assertThat(kind.statuses).containsEntry(execution, "completed");
        assertThat(kind.events).containsExactly("test_sync.running", "test_sync.running", "test_sync.completed");
    }

    @Test
    void transientFailuresAreRetriedWithGrowingBackoffThenSucceed() {
        AtomicInteger attempts = new AtomicInteger();
        kind.behaviour = (job, lease) -> attempts.incrementAndGet() < 3
                ? JobResult.failed("connection reset by peer", true) : JobResult.completed(false);
        UUID execution = start(UUID.randomUUID());

        runDue(engine);
        assertThat(kind.statuses).containsEntry(execution, "interrupted");
        assertThat(kind.errors.get(execution)).startsWith("connection reset by peer; trying again at " + clock.instant().plusSeconds(30));
        for (Duration backoff : List.of(Duration.ofSeconds(30), Duration.ofSeconds(60))) {
            clock.advance(backoff.minusSeconds(1));
            assertThat(engine.claim()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            engine.run(engine.claim().orElseThrow());
        }

        assertThat(attempts.get()).isEqualTo(3);
        assertThat(kind.statuses).containsEntry(execution, "completed");
        assertThat(kind.events).containsExactly("test_sync.running", "test_sync.running", "test_sync.running", "test_sync.completed");
    }

    @Test
    void permanentFailuresFailAtOnceAndTransientOnesGiveUpAfterTheLastAttempt() {
        kind.behaviour = (job, lease) -> JobResult.failed("relation \"orders\" does not exist", false);
        UUID permanent = start(UUID.randomUUID());
        runDue(engine);
        assertThat(kind.statuses).containsEntry(permanent, "failed");
        assertThat(kind.errors.get(permanent)).isEqualTo("relation \"orders\" does not exist");

        kind.behaviour = (job, lease) -> JobResult.failed("HTTP 503 from the destination", true);
        UUID flaky = start(UUID.randomUUID());
        for (int attempt = 1; attempt <= JobEngine.MAX_ATTEMPTS; attempt++) {
            runDue(engine);
            clock.advance(Duration.ofMinutes(30));
        }
        assertThat(kind.statuses).containsEntry(flaky, "failed");
        assertThat(kind.errors.get(flaky)).isEqualTo("HTTP 503 from the destination (gave up after 5 attempts)");
        assertThat(kind.events).containsSubsequence("test_sync.failed", "test_sync.failed");
    }

    @Test
    void cancelEndsAQueuedRunAtOnceAndStopsARunningOneAtItsNextHeartbeat() throws Exception {
        UUID waiting = UUID.randomUUID();
        UUID queued = start(waiting);
        assertThat(engine.cancel(kind, waiting)).isEqualTo(queued);
        assertThat(kind.statuses).containsEntry(queued, "canceled");
        assertThat(engine.claim()).isEmpty();

        JobEngine elsewhere = engine();
        UUID sync = UUID.randomUUID();
        UUID running = start(sync);
        CountDownLatch started = new CountDownLatch(1);
        kind.behaviour = (job, lease) -> {
            started.countDown();
            await().atMost(Duration.ofSeconds(30)).until(lease::stopping);
            return JobResult.canceled();
        };
        Job job = engine.claim().orElseThrow();
        try (ExecutorService worker = Executors.newSingleThreadExecutor()) {
            Future<?> run = worker.submit(() -> engine.run(job));
            started.await();

            assertThat(elsewhere.cancel(kind, sync)).as("asked from another container").isEqualTo(running);
            assertThat(kind.statuses).containsEntry(running, "canceling");
            engine.heartbeatNow();
            run.get();
        }
        assertThat(kind.statuses).containsEntry(running, "canceled");
        assertThat(kind.events).containsSubsequence("test_sync.canceled", "test_sync.running", "test_sync.canceled");
        assertThatThrownBy(() -> engine.cancel(kind, sync)).isInstanceOfSatisfying(TributaryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void aStoppingWorkerHandsItsRunBackToTheQueueAtOnce() throws Exception {
        UUID execution = start(UUID.randomUUID());
        CountDownLatch started = new CountDownLatch(1);
        kind.behaviour = (job, lease) -> {
            started.countDown();
            await().atMost(Duration.ofSeconds(30)).until(lease::stopping);
            return JobResult.canceled();
        };
        JobEngine stopping = engine();
        stopping.startWorker(1);
        started.await();

        stopping.stop(Duration.ofSeconds(10));

        assertThat(kind.statuses).containsEntry(execution, "interrupted");
        kind.behaviour = (job, lease) -> JobResult.completed(false);
        Job resumed = engine.claim().orElseThrow();
        assertThat(resumed.attempts()).as("a stop is not a failed attempt").isEqualTo(1);
        engine.run(resumed);
        assertThat(kind.statuses).containsEntry(execution, "completed");
    }

    @Test
    void aRunLongerThanTheThresholdIsReportedOnce() {
        start(UUID.randomUUID());
        Job job = engine.claim().orElseThrow();

        clock.advance(Duration.ofMinutes(9));
        engine.heartbeatNow();
        engine.tick();
        assertThat(kind.longRuns).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        engine.heartbeatNow();
        engine.tick();
        engine.tick();

        assertThat(kind.longRuns).containsExactly(Duration.ofMinutes(11));
        engine.run(job);
    }

    @Test
    void healthCountsDueAndRunningRunsAndTheirWorkers() {
        start(UUID.randomUUID());
        start(UUID.randomUUID());
        start(UUID.randomUUID());
        assertThat(engine.health()).extracting(JobEngine.Health::due, JobEngine.Health::running).containsExactly(3L, 0L);

        Job one = engine.claim().orElseThrow();
        Job other = engine().claim().orElseThrow();

        JobEngine.Health health = engine.health();
        assertThat(health.due()).isEqualTo(1);
        assertThat(health.running()).isEqualTo(2);
        assertThat(health.workers()).isEqualTo(2);
        assertThat(health.runningHere()).isEqualTo(1);
        assertThat(health.lastSchedulerPass()).isEmpty();
        engine.tick();
        assertThat(engine.health().lastSchedulerPass()).contains(clock.instant());
        engine.run(one);
        engines.getLast().run(other);
    }

    // ---- helpers ----

    private JobEngine engine() {
        JobEngine created = new JobEngine(server.server().store(), kind, Duration.ofMinutes(10), clock);
        created.register(kind);
        engines.add(created);
        return created;
    }

    private void assertFiresAt(Schedule schedule, String... times) {
        UUID sync = UUID.randomUUID();
        schedule(sync, schedule);
        int runs = 0;
        for (String time : times) {
            Instant due = Instant.parse(time);
            assertThat(nextRun(sync)).as("next run shown").contains(due);
            clock.moveTo(due.minusSeconds(1));
            engine.tick();
            assertThat(kind.executionsOf(sync)).as("not before %s", time).hasSize(runs);
            clock.moveTo(due);
            engine.tick();
            assertThat(kind.executionsOf(sync)).as("at %s", time).hasSize(++runs);
            runDue(engine);
        }
    }

    private void schedule(UUID sync, Schedule schedule) {
        server.server().store().inTransaction(session -> {
            List<FieldError> errors = new ArrayList<>();
            Plan plan = engine.plan(session, organization, Optional.of(sync), schedule, true, errors).orElseThrow(() ->
                    new AssertionError(errors.toString()));
            engine.schedule(session, kind, organization, sync, plan);
            return null;
        });
    }

    private Optional<Instant> nextRun(UUID sync) {
        return server.server().store().inTransaction(session -> engine.nextRun(session, kind, sync));
    }

    private UUID start(UUID sync) {
        return server.server().store().inTransaction(session -> {
            UUID execution = kind.newExecution(session, sync, clock.instant());
            engine.enqueue(session, kind, organization, sync, execution);
            return execution;
        });
    }

    private void startUnlessActive(UUID sync) {
        try {
            start(sync);
        } catch (TributaryException running) {
            assertThat(running.code()).isEqualTo(ErrorCode.CONFLICT);
        }
    }

    /** Claims and runs every due run, here and now, as one worker would. */
    private static void runDue(JobEngine worker) {
        for (Optional<Job> job = worker.claim(); job.isPresent(); job = worker.claim()) {
            worker.run(job.get());
        }
    }

    /** Runs both actions at the same moment, {@code times} times over. */
    private static void together(Runnable one, Runnable other, int times) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < times; i++) {
                CountDownLatch go = new CountDownLatch(1);
                Future<?> a = threads.submit(() -> {
                    go.await();
                    one.run();
                    return null;
                });
                Future<?> b = threads.submit(() -> {
                    go.await();
                    other.run();
                    return null;
                });
                go.countDown();
                a.get();
                b.get();
            }
        }
    }

    private static void together(Runnable one, Runnable other) throws Exception {
        together(one, other, 1);
    }

    private static Schedule schedule(String frequency, String minute, String hour, String day, String expression) {
        return new Schedule(frequency, minute, hour, day, null, null, expression, null, null, null);
    }

    private static Schedule runAfter(boolean successOnly, UUID... syncs) {
        return new Schedule("runafter", null, null, null, null, null, null, new Schedule.RunAfter(List.of(syncs), null), successOnly, null);
    }

    private UUID organization() {
        try (Connection connection = server.postgres().connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT id FROM organizations")) {
            row.next();
            return UUID.fromString(row.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
