package dev.tributary.server.connect.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of one query.
 *
 * @param timeout how long the database may spend on the statement before stopping it
 * @param maxRows the most rows the database sends; 0 sends them all
 * @param fetchSize rows fetched from the database at a time; it bounds the memory a query uses
 */
public record QueryLimits(Duration timeout, long maxRows, int fetchSize) {

    public QueryLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be 0 (all) or more");
        }
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be at least 1");
        }
    }
}
