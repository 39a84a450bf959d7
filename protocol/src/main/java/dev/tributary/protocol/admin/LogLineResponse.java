package dev.tributary.protocol.admin;

import java.time.Instant;

/**
 * One server log line; {@code sequence} is the cursor to read on from. {@code syncId} and {@code executionId} name the
 * sync run that logged it, and are absent on the server's other lines.
 */
public record LogLineResponse(long sequence, Instant at, String level, String logger, String thread, String message, String syncId,
        String executionId) {}
