package dev.tributary.protocol.admin;

import java.time.Instant;

/** One server log line; {@code sequence} is the cursor to read on from. */
public record LogLineResponse(long sequence, Instant at, String level, String logger, String thread, String message) {}
