package dev.tributary.server.connect.spi;

/**
 * A request to stop work that another thread runs. The worker registers how to stop it ({@link #onCancel}); a cancel
 * that came first runs that action as soon as it is registered, so a cancel is never lost between the two.
 */
public final class Cancellation {

    private Runnable action;
    private boolean canceled;

    /** Runs {@code stop} when canceled, at once if already canceled; replaces any action registered before. */
    public void onCancel(Runnable stop) {
        synchronized (this) {
            if (!canceled) {
                action = stop;
                return;
            }
        }
        stop.run();
    }

    public void cancel() {
        Runnable stop;
        synchronized (this) {
            if (canceled) {
                return;
            }
            canceled = true;
            stop = action;
        }
        if (stop != null) {
            stop.run();
        }
    }

    public synchronized boolean canceled() {
        return canceled;
    }
}
