package dev.tributary.server.license;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a license grants: this deployment, for this customer, until {@code expiresAt}, within {@code limits} (such as
 * {@code syncs=50}). A license that expires while the server runs is warned about and never stops a sync.
 */
public record License(String deployment, String customer, Instant issuedAt, Instant expiresAt, Map<String, String> limits) {

    /** How long ahead of the expiry the log, the admin health and the console warn. */
    public static final Duration WARN_AHEAD = Duration.ofDays(14);

    public License {
        Objects.requireNonNull(deployment);
        Objects.requireNonNull(customer);
        Objects.requireNonNull(issuedAt);
        Objects.requireNonNull(expiresAt);
        limits = Map.copyOf(limits);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whole days until the expiry, rounded down; negative once expired. */
    public long daysLeft(Instant now) {
        return Math.floorDiv(Duration.between(now, expiresAt).toHours(), 24);
    }

    /** The warning to show when the license expires within {@link #WARN_AHEAD}, or has expired. */
    public Optional<String> warning(Instant now) {
        if (expired(now)) {
            return Optional.of("The license of " + customer + " expired on " + day(expiresAt)
                    + "; syncs keep running, but renew it: ask your vendor for a new DEPLOYMENT_KEY.");
        }
        if (now.plus(WARN_AHEAD).isAfter(expiresAt)) {
            return Optional.of("The license of " + customer + " expires on " + day(expiresAt) + " (in " + daysLeft(now)
                    + " days); ask your vendor for a new DEPLOYMENT_KEY before then.");
        }
        return Optional.empty();
    }

    static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
