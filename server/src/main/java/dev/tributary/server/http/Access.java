package dev.tributary.server.http;

/** What a caller needs to be let through a route. Every route declares one; the gate enforces it before the handler runs. */
public enum Access {
    /** Anyone, signed in or not: the health check and the sign-in routes. */
    PUBLIC,
    /** Any signed-in user or API key; the handler then limits what they see to their own organization. */
    SIGNED_IN,
    /** An admin of the organization (or the deployment key). */
    ADMIN,
    /** The admin console: an admin token (from POST /api/admin/tokens) or the deployment key. */
    CONSOLE,
    /** Only the deployment-wide DEPLOYMENT_API_KEY (or an admin token obtained with it): creating and deleting organizations. */
    DEPLOYMENT,
    /** Prometheus scraping: METRICS_TOKEN as bearer token, which opens no other route. */
    METRICS
}
