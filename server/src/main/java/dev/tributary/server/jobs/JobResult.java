package dev.tributary.server.jobs;

/**
 * How a run ended: {@code completed}, {@code completed_with_errors}, {@code failed} or {@code canceled}. A failed run
 * whose cause may pass on its own ({@code retriable}: a dropped connection, a deadlock, HTTP 429 or 5xx) is tried again.
 */
public record JobResult(String status, String error, boolean retriable) {

    public static JobResult completed(boolean withErrors) {
        return new JobResult(withErrors ? "completed_with_errors" : "completed", null, false);
    }

    public static JobResult canceled() {
        return new JobResult("canceled", null, false);
    }

    public static JobResult failed(String error, boolean retriable) {
        return new JobResult("failed", error, retriable);
    }

    public boolean succeeded() {
        return status.startsWith("completed");
    }
}
