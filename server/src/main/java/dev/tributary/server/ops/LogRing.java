package dev.tributary.server.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.tributary.server.jobs.JobEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The server's most recent log lines, kept in memory (bounded) for the admin API: filtered reads with a cursor, and a
 * long poll that waits for new lines. Lines are scrubbed of secrets before they are kept.
 */
public final class LogRing extends AppenderBase<ILoggingEvent> {

    /**
     * One log line; {@code sequence} increases by one per line and is the cursor for paging. {@code syncId} and
     * {@code executionId} are set on the lines a sync's run logged, null elsewhere.
     */
    public record Line(long sequence, Instant at, String level, String logger, String thread, String message, String syncId,
            String executionId) {}

    /** What to read: lines after a cursor that match every given filter. */
    public record Query(long after, Optional<Level> minimumLevel, Optional<String> loggerPrefix, Optional<Instant> since,
            Optional<Instant> until, Optional<String> text, int limit, Optional<String> syncId, Optional<String> executionId) {

        /** Any sync's lines and the server's own. */
        public Query(long after, Optional<Level> minimumLevel, Optional<String> loggerPrefix, Optional<Instant> since,
                Optional<Instant> until, Optional<String> text, int limit) {
            this(after, minimumLevel, loggerPrefix, since, until, text, limit, Optional.empty(), Optional.empty());
        }
    }

    private final int capacity;
    private final SecretScrubber scrubber;
    private final Deque<Line> lines = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final ThrowableProxyConverter throwables = new ThrowableProxyConverter();
    private long sequence;

    LogRing(int capacity, SecretScrubber scrubber) {
        this.capacity = capacity;
        this.scrubber = scrubber;
        throwables.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = scrubber.scrub(oneLine(event.getFormattedMessage(), throwables.convert(event)));
        lock.lock();
        try {
            lines.addLast(new Line(++sequence, Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
                    event.getLoggerName(), event.getThreadName(), message, event.getMDCPropertyMap().get(JobEngine.SYNC_ID),
                    event.getMDCPropertyMap().get(JobEngine.EXECUTION_ID)));
            if (lines.size() > capacity) {
                lines.removeFirst();
            }
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A message and its stack trace, if any, on one line. */
    static String oneLine(String message, String trace) {
        String stripped = trace == null ? "" : trace.strip();
        return message + (stripped.isEmpty() ? "" : " | " + stripped.replaceAll("\\R\\s*", " | "));
    }

    /** Matching lines after the cursor; when there are none, waits up to {@code wait} for new ones (long poll). */
    public List<Line> read(Query query, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Predicate<Line> matches = matcher(query);
        lock.lock();
        try {
            while (true) {
                List<Line> found = new ArrayList<>();
                for (Line line : lines) {
                    if (line.sequence() > query.after() && matches.test(line)) {
                        found.add(line);
                        if (found.size() == query.limit()) {
                            break;
                        }
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (!found.isEmpty() || remaining <= 0) {
                    return found;
                }
                appended.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The cursor of the newest line, for a tail that starts now. */
    public long newest() {
        lock.lock();
        try {
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a line passes the query's filters (not its cursor or limit); the log file is filtered the same way. */
    static Predicate<Line> matcher(Query query) {
        Predicate<Line> matches = line -> true;
        if (query.minimumLevel().isPresent()) {
            int minimum = query.minimumLevel().get().toInt();
            matches = matches.and(line -> Level.toLevel(line.level()).toInt() >= minimum);
        }
        if (query.loggerPrefix().isPresent()) {
            matches = matches.and(line -> line.logger().startsWith(query.loggerPrefix().get()));
        }
        if (query.since().isPresent()) {
            matches = matches.and(line -> !line.at().isBefore(query.since().get()));
        }
        if (query.until().isPresent()) {
            matches = matches.and(line -> line.at().isBefore(query.until().get()));
        }
        if (query.syncId().isPresent()) {
            matches = matches.and(line -> query.syncId().get().equals(line.syncId()));
        }
        if (query.executionId().isPresent()) {
            matches = matches.and(line -> query.executionId().get().equals(line.executionId()));
        }
        if (query.text().isPresent()) {
            String needle = query.text().get().toLowerCase(Locale.ROOT);
            matches = matches.and(line -> line.message().toLowerCase(Locale.ROOT).contains(needle));
        }
        return matches;
    }
}
