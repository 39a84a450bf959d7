package dev.tributary.server.jobs;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.Session;

/**
 * A worker's hold on a running job. The run checks {@link #stopping()} between batches, and calls {@link #hold} in
 * every transaction that records progress, so a worker whose job was taken over (its epoch is stale) commits nothing.
 */
public final class Lease {

    /** Why a run is asked to stop. */
    public enum Stop { CANCELED, SHUTDOWN, LOST }

    private final Job job;
    private final AtomicReference<Stop> stop = new AtomicReference<>();

    Lease(Job job) {
        this.job = job;
    }

    public Job job() {
        return job;
    }

    public boolean stopping() {
        return stop.get() != null;
    }

    public Optional<Stop> stopReason() {
        return Optional.ofNullable(stop.get());
    }

    void stop(Stop reason) {
        stop.compareAndSet(null, reason);
    }

    /**
     * Fails unless this worker still holds the job. The row is locked for share until the caller's transaction ends,
     * so a takeover waits for this commit and nothing is committed after it.
     */
    public void hold(Session session) {
        Object[] row = session.createNativeQuery("SELECT epoch, state FROM jobs WHERE id = :id FOR SHARE", Object[].class)
                .setParameter("id", job.id())
                .uniqueResultOptional()
                .orElse(null);
        if (row == null || ((Number) row[0]).longValue() != job.epoch() || !"running".equals(row[1])) {
            stop(Stop.LOST);
            throw new LeaseLostException(job);
        }
    }

    /** This worker no longer holds the job: another worker took it over after this one stopped reporting. */
    public static final class LeaseLostException extends RuntimeException {
        LeaseLostException(Job job) {
            super("this worker no longer holds execution " + job.executionId() + " (another worker took it over)");
        }
    }
}
