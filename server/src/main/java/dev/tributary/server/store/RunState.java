package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a run of any sync stands: its status (queued, running, canceling, interrupted, or a final one), the error that
 * ended or interrupted it, how many times a worker started it, and when it started, last reported and ended.
 */
@Embeddable
public class RunState {

    @Column(nullable = false)
    private String status;

    private String error;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected RunState() {}

    static RunState queued() {
        RunState state = new RunState();
        state.status = "queued";
        return state;
    }

    /**
     * Moves the run to {@code status}: {@code running} counts an attempt, {@code interrupted} keeps the reason while the
     * run waits to resume, and {@code last} (a final status) records when it ended.
     */
    void moveTo(String status, String error, boolean last, Instant now) {
        this.status = status;
        this.heartbeatAt = now;
        if (status.equals("running")) {
            this.attempts++;
            this.startedAt = startedAt == null ? now : startedAt;
        }
        if (!status.equals("canceling")) {
            this.error = error;
        }
        if (last) {
            this.completedAt = now;
        }
    }

    void beat(Instant now) {
        this.heartbeatAt = now;
    }

    String status() {
        return status;
    }

    Optional<String> error() {
        return Optional.ofNullable(error);
    }

    int attempts() {
        return attempts;
    }

    Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    Optional<Instant> heartbeatAt() {
        return Optional.ofNullable(heartbeatAt);
    }

    Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }
}
