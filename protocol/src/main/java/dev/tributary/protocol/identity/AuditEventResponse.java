package dev.tributary.protocol.identity;

import java.time.Instant;
import java.util.UUID;

/** One audit log entry: who did what to which object, when, and with what outcome. */
public record AuditEventResponse(UUID id, Instant at, String actor, String action, String targetType, String targetId,
        String outcome, String detail) {}
