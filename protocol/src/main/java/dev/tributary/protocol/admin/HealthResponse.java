package dev.tributary.protocol.admin;

import java.util.List;
import java.util.Map;

/**
 * The health of a server and of every part it depends on.
 *
 * @param status {@code ok} when no part is down, {@code degraded} when one is
 * @param roles the roles this process runs (web, worker, scheduler)
 * @param license the deployment's license; null in development mode without one
 */
public record HealthResponse(String status, String version, long uptimeSeconds, String deployment, boolean development,
        List<String> roles, List<Part> parts, License license) {

    /**
     * One part: the metadata database, Redis, a blob store.
     *
     * @param status {@code ok}; {@code degraded} when an optional part (Redis) is unreachable and the server works without it;
     *     {@code down}; or {@code not_configured}
     * @param latencyMs how long the check took
     */
    public record Part(String name, String status, String detail, long latencyMs) {}

    /**
     * The license (DEPLOYMENT_KEY) this server runs under.
     *
     * @param expiresAt when it ends (ISO-8601 instant)
     * @param warning set from 14 days before the expiry on: what to tell the operator; syncs keep running regardless
     */
    public record License(String customer, String expiresAt, long daysLeft, Map<String, String> limits, String warning) {}
}
