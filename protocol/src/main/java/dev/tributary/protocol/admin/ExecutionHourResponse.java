package dev.tributary.protocol.admin;

import java.time.Instant;

/**
 * Runs that ended in one hour, for the console's chart.
 *
 * @param hour the start of the hour (UTC)
 * @param executions runs that ended in it, whatever their outcome
 * @param failures those that failed
 */
public record ExecutionHourResponse(Instant hour, long executions, long failures) {}
