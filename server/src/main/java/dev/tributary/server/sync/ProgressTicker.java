package dev.tributary.server.sync;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Saves a copy's progress on a thread of its own, at most every {@link #EVERY} and only when something changed, so
 * the copy never waits for the metadata database between batches, while a stalled copy still shows everything it has
 * committed within a second. A failure of the save (a lost lease) is handed to the copy at its next batch.
 */
final class ProgressTicker implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(1);

    private final Runnable save;
    private final Semaphore changed = new Semaphore(0);
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile RuntimeException failure;

    ProgressTicker(Runnable save) {
        this.save = save;
        this.thread = Thread.ofVirtual().name("bulk-sync-progress").start(this::run);
    }

    private void run() {
        try {
            while (true) {
                changed.acquire();
                if (stop.getCount() == 0) {
                    return;
                }
                changed.drainPermits();
                save.run();
                // Paces the saves: what changes meanwhile is saved once, after the pause (cut short by close).
                if (stop.await(EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Notes that there is progress to save; throws the failure of an earlier save. */
    void changed() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
        changed.release();
    }

    /** Stops saving and waits for a save in flight to end; the caller saves the final progress itself. */
    @Override
    public void close() {
        stop.countDown();
        changed.release();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
