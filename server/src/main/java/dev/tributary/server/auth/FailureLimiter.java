package dev.tributary.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: after {@code limit} failed sign-ins or key checks from one address within {@code window},
 * that address is refused until the window has passed. Kept in memory: each container limits on its own.
 */
public final class FailureLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    public FailureLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    private record Failures(Instant since, int count) {}

    public boolean blocked(String address) {
        Failures failures = byAddress.get(address);
        return failures != null && failures.count() >= limit && clock.instant().isBefore(failures.since().plus(window));
    }

    public void failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() > 100_000) {
            byAddress.values().removeIf(failures -> !now.isBefore(failures.since().plus(window)));
        }
        byAddress.compute(address, (key, failures) -> failures == null || !now.isBefore(failures.since().plus(window))
                ? new Failures(now, 1)
                : new Failures(failures.since(), failures.count() + 1));
    }

    /** Seconds until the address may try again, for the Retry-After header. */
    public long retryAfterSeconds(String address) {
        Failures failures = byAddress.get(address);
        return failures == null ? 0 : Math.max(1, Duration.between(clock.instant(), failures.since().plus(window)).toSeconds());
    }
}
