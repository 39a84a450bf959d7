package dev.tributary.server;

import dev.tributary.server.audit.AuditApi;
import dev.tributary.server.auth.AdminTokensApi;
import dev.tributary.server.auth.ApiKeysApi;
import dev.tributary.server.auth.ConsoleSignIn;
import dev.tributary.server.auth.MeApi;
import dev.tributary.server.auth.PermissionsApi;
import dev.tributary.server.auth.SignIn;
import dev.tributary.server.connection.ConnectionsApi;
import dev.tributary.server.http.Access;
import dev.tributary.server.http.Route;
import dev.tributary.server.jobs.SchedulesApi;
import dev.tributary.server.modelsync.ModelSyncsApi;
import dev.tributary.server.modelsync.ModelsApi;
import dev.tributary.server.notify.EventsApi;
import dev.tributary.server.notify.GlobalErrorSubscribersApi;
import dev.tributary.server.notify.WebhooksApi;
import dev.tributary.server.ops.AdminApi;
import dev.tributary.server.ops.HealthCheck;
import dev.tributary.server.ops.Metrics;
import dev.tributary.server.ops.StatusHandler;
import dev.tributary.server.query.DownloadsApi;
import dev.tributary.server.query.QueriesApi;
import dev.tributary.server.sync.BulkSyncsApi;
import dev.tributary.server.ui.UiAssets;
import dev.tributary.server.workspace.AdminWorkspacesApi;
import dev.tributary.server.workspace.OrganizationsApi;
import dev.tributary.server.workspace.UsersApi;
import java.util.ArrayList;
import java.util.List;

/** Every route the server answers, in one list read by the router, the API documentation and the access tests. */
public final class RouteTable {

    private RouteTable() {}

    /** The handlers behind the routes. */
    record Handlers(HealthCheck health, SignIn signIn, ConsoleSignIn console, boolean localSignIn, MeApi me, OrganizationsApi organizations, UsersApi users,
            ApiKeysApi apiKeys, PermissionsApi permissions, ConnectionsApi connections, BulkSyncsApi bulkSyncs, SchedulesApi schedules, ModelsApi models, ModelSyncsApi modelSyncs, AdminTokensApi adminTokens, AdminApi admin, AdminWorkspacesApi adminWorkspaces, AuditApi audit,
            EventsApi events, WebhooksApi webhooks, GlobalErrorSubscribersApi errorSubscribers,
            QueriesApi queries, DownloadsApi downloads, UiAssets ui, Metrics metrics) {}

    static List<Route> routes(Handlers h) {
        List<Route> routes = new ArrayList<>(List.of(
                Route.get("/status.txt", Access.PUBLIC, "Health check for load balancers: OK, or 503 with the reason",
                        new StatusHandler(h.health())),
                Route.get("/metrics", Access.METRICS, "Metrics in Prometheus text format, with METRICS_TOKEN as bearer token",
                        h.metrics()::scrape),

                Route.get("/auth/login", Access.PUBLIC, "Starts signing in with the identity provider", h.signIn()::login),
                Route.get("/auth", Access.PUBLIC, "The identity provider's redirect back after signing in", h.signIn()::callback),
                Route.get("/auth/console", Access.PUBLIC, "The desktop console's sign-in through the system browser (loopback and PKCE)",
                        h.console()::authorize),
                Route.post("/api/admin/tokens/console", Access.PUBLIC, "The console trades its one-time code and verifier for an admin token",
                        h.console()::token),
                Route.post("/auth/logout", Access.PUBLIC, "Signs out: revokes the session and clears its cookies", h.signIn()::logout),

                Route.get("/api/me", Access.SIGNED_IN, "The caller: user, role and organization", h.me()::get),

                Route.get("/api/organizations", Access.SIGNED_IN, "Organizations the caller can see", h.organizations()::list),
                Route.post("/api/organizations", Access.DEPLOYMENT, "Creates an organization", h.organizations()::create),
                Route.get("/api/organizations/{org}", Access.SIGNED_IN, "One organization", h.organizations()::get),
                Route.put("/api/organizations/{org}", Access.ADMIN, "Renames an organization or changes its SSO domain",
                        h.organizations()::update),
                Route.delete("/api/organizations/{org}", Access.DEPLOYMENT, "Deletes an organization and everything in it",
                        h.organizations()::delete),

                Route.get("/api/organizations/{org}/users", Access.SIGNED_IN, "Members of an organization", h.users()::list),
                Route.post("/api/organizations/{org}/users", Access.ADMIN, "Adds a member", h.users()::create),
                Route.get("/api/organizations/{org}/users/{user}", Access.SIGNED_IN, "One member", h.users()::get),
                Route.put("/api/organizations/{org}/users/{user}", Access.ADMIN, "Changes a member's role", h.users()::update),
                Route.delete("/api/organizations/{org}/users/{user}", Access.ADMIN, "Removes a member", h.users()::delete),

                Route.post("/api/organizations/{org}/users/{user}/keys", Access.SIGNED_IN,
                        "Creates an API key (shown once); for oneself, or by an admin", h.apiKeys()::create),
                Route.get("/api/organizations/{org}/users/{user}/keys", Access.SIGNED_IN, "A member's API keys, by prefix",
                        h.apiKeys()::list),
                Route.delete("/api/organizations/{org}/users/{user}/keys/{key}", Access.SIGNED_IN, "Revokes an API key at once",
                        h.apiKeys()::revoke),

                Route.get("/api/permissions/roles", Access.SIGNED_IN, "The organization's roles", h.permissions()::listRoles),
                Route.post("/api/permissions/roles", Access.ADMIN, "Creates a custom role", h.permissions()::createRole),
                Route.get("/api/permissions/roles/{role}", Access.SIGNED_IN, "One role", h.permissions()::getRole),
                Route.put("/api/permissions/roles/{role}", Access.ADMIN, "Renames a custom role", h.permissions()::updateRole),
                Route.delete("/api/permissions/roles/{role}", Access.ADMIN, "Deletes a custom role no member holds",
                        h.permissions()::deleteRole),
                Route.get("/api/permissions/policies", Access.SIGNED_IN, "The organization's policies", h.permissions()::listPolicies),
                Route.post("/api/permissions/policies", Access.ADMIN, "Creates a policy", h.permissions()::createPolicy),
                Route.get("/api/permissions/policies/{policy}", Access.SIGNED_IN, "One policy", h.permissions()::getPolicy),
                Route.put("/api/permissions/policies/{policy}", Access.ADMIN, "Replaces a policy's name and actions",
                        h.permissions()::updatePolicy),
                Route.delete("/api/permissions/policies/{policy}", Access.ADMIN, "Deletes a policy", h.permissions()::deletePolicy),

                Route.get("/api/connection_types", Access.SIGNED_IN, "Kinds of connection", h.connections()::listTypes),
                Route.get("/api/connection_types/{type}", Access.SIGNED_IN, "A kind of connection with the JSON Schema of its settings",
                        h.connections()::getType),
                Route.get("/api/connections", Access.SIGNED_IN, "The organization's connections, secrets masked", h.connections()::list),
                Route.post("/api/connections", Access.SIGNED_IN, "Creates a connection (tested first unless validate is false)",
                        h.connections()::create),
                Route.post("/api/connections/test", Access.SIGNED_IN, "Tests settings without saving them", h.connections()::test),
                Route.get("/api/connections/{connection}", Access.SIGNED_IN, "One connection, secrets masked", h.connections()::get),
                Route.put("/api/connections/{connection}", Access.SIGNED_IN, "Replaces a connection's settings", h.connections()::replace),
                Route.patch("/api/connections/{connection}", Access.SIGNED_IN, "Changes some of a connection's settings",
                        h.connections()::patch),
                Route.delete("/api/connections/{connection}", Access.SIGNED_IN, "Deletes a connection", h.connections()::delete),
                Route.get("/api/connections/{connection}/schemas", Access.SIGNED_IN, "The objects the connection holds",
                        h.connections()::schemas),
                Route.post("/api/connections/{connection}/schemas/refresh", Access.SIGNED_IN, "Discovers the objects again",
                        h.connections()::refreshSchemas),
                Route.get("/api/connections/{connection}/schemas/{schema}", Access.SIGNED_IN, "One object with its fields and primary key",
                        h.connections()::schema),
                Route.get("/api/connections/{connection}/schemas/{schema}/records", Access.SIGNED_IN, "A sample of an object's records",
                        h.connections()::records),

                Route.get("/api/models", Access.SIGNED_IN, "The organization's models", h.models()::list),
                Route.post("/api/models", Access.SIGNED_IN, "Creates a model from a table of a connection", h.models()::create),
                Route.get("/api/models/{model}", Access.SIGNED_IN, "One model, with its fields", h.models()::get),
                Route.put("/api/models/{model}", Access.SIGNED_IN, "Replaces a model's settings", h.models()::replace),
                Route.patch("/api/models/{model}", Access.SIGNED_IN, "Changes some of a model's settings", h.models()::patch),
                Route.delete("/api/models/{model}", Access.SIGNED_IN, "Deletes a model", h.models()::delete),
                Route.get("/api/models/{model}/sample", Access.SIGNED_IN, "A model's first records", h.models()::sample),
                Route.post("/api/model-preview", Access.SIGNED_IN, "A model's fields and first records, without saving it", h.models()::preview),
                Route.get("/api/syncs", Access.SIGNED_IN, "The organization's model syncs", h.modelSyncs()::list),
                Route.post("/api/syncs", Access.SIGNED_IN, "Creates a model sync", h.modelSyncs()::create),
                Route.get("/api/syncs/{sync}", Access.SIGNED_IN, "One model sync", h.modelSyncs()::get),
                Route.put("/api/syncs/{sync}", Access.SIGNED_IN, "Replaces a model sync's settings", h.modelSyncs()::replace),
                Route.patch("/api/syncs/{sync}", Access.SIGNED_IN, "Changes some of a model sync's settings", h.modelSyncs()::patch),
                Route.delete("/api/syncs/{sync}", Access.SIGNED_IN, "Deletes a model sync that is not running", h.modelSyncs()::delete),
                Route.post("/api/syncs/{sync}/activate", Access.SIGNED_IN, "Turns a model sync's schedule on or off", h.modelSyncs()::activate),
                Route.post("/api/syncs/{sync}/executions", Access.SIGNED_IN, "Starts a run (resync sends everything, test is a dry run)",
                        h.modelSyncs()::start),
                Route.post("/api/syncs/{sync}/cancel", Access.SIGNED_IN, "Cancels the queued run, or stops the running one after its batch",
                        h.modelSyncs()::cancel),
                Route.get("/api/syncs/{sync}/status", Access.SIGNED_IN, "Whether it runs now, its last run, and its next scheduled run",
                        h.modelSyncs()::status),
                Route.get("/api/syncs/{sync}/executions", Access.SIGNED_IN, "Its latest runs, newest first", h.modelSyncs()::executions),
                Route.get("/api/syncs/{sync}/executions/{execution}", Access.SIGNED_IN, "One run, with its record counts",
                        h.modelSyncs()::execution),
                Route.get("/api/syncs/{sync}/executions/{execution}/{type}", Access.SIGNED_IN,
                        "A link to one record log of a run: records, inserts, updates, deletes, errors or warnings", h.modelSyncs()::recordLog),
                Route.get("/api/connections/{connection}/modelsync/targetobjects", Access.SIGNED_IN,
                        "The objects a connection offers model syncs, with their modes", h.modelSyncs()::targetObjects),
                Route.get("/api/connections/{connection}/modelsync/target", Access.SIGNED_IN,
                        "One target object's fields: createable, updateable, identity functions", h.modelSyncs()::targetObject),
                Route.post("/api/connections/{connection}/query", Access.SIGNED_IN,
                        "Starts a read-only SQL query on the connection; its result is read at /api/queries/{query}", h.queries()::start),
                Route.get("/api/queries/{query}", Access.SIGNED_IN, "A query's status, fields and one page of its rows (?page=N)",
                        h.queries()::get),
                Route.post("/api/queries/{query}/cancel", Access.SIGNED_IN, "Stops a running query", h.queries()::cancel),
                Route.post("/api/queries/{query}/export", Access.SIGNED_IN,
                        "Exports a query's whole result (csv or jsonl) and returns a download link that expires", h.queries()::export),
                Route.get("/downloads/{store}", Access.PUBLIC, "Downloads an export through the expiring link the server signed",
                        h.downloads()::download),

                Route.get("/api/syncs/schedules", Access.SIGNED_IN, "The schedule frequencies and the fields each reads",
                        h.schedules()::frequencies),
                Route.get("/api/bulk/syncs", Access.SIGNED_IN, "The organization's bulk syncs", h.bulkSyncs()::list),
                Route.post("/api/bulk/syncs", Access.SIGNED_IN, "Creates a bulk sync", h.bulkSyncs()::create),
                Route.get("/api/bulk/syncs/{sync}", Access.SIGNED_IN, "One bulk sync", h.bulkSyncs()::get),
                Route.put("/api/bulk/syncs/{sync}", Access.SIGNED_IN, "Replaces a bulk sync's settings", h.bulkSyncs()::replace),
                Route.patch("/api/bulk/syncs/{sync}", Access.SIGNED_IN, "Changes some of a bulk sync's settings", h.bulkSyncs()::patch),
                Route.delete("/api/bulk/syncs/{sync}", Access.SIGNED_IN, "Deletes a bulk sync that is not running", h.bulkSyncs()::delete),
                Route.get("/api/bulk/syncs/{sync}/schemas", Access.SIGNED_IN, "The tables a bulk sync copies", h.bulkSyncs()::schemas),
                Route.patch("/api/bulk/syncs/{sync}/schemas", Access.SIGNED_IN, "Changes the tables, fields and tracking fields",
                        h.bulkSyncs()::updateSchemas),
                Route.post("/api/bulk/syncs/{sync}/executions", Access.SIGNED_IN, "Starts a run (resync copies everything again)",
                        h.bulkSyncs()::start),
                Route.post("/api/bulk/syncs/{sync}/cancel", Access.SIGNED_IN, "Cancels the queued run, or stops the running one after its current batch",
                        h.bulkSyncs()::cancel),
                Route.get("/api/bulk/syncs/{sync}/status", Access.SIGNED_IN, "Whether it runs now, its last run, and its next scheduled run", h.bulkSyncs()::status),
                Route.get("/api/bulk/syncs/{sync}/executions", Access.SIGNED_IN, "Its latest runs, newest first", h.bulkSyncs()::executions),
                Route.get("/api/bulk/syncs/{sync}/executions/{execution}", Access.SIGNED_IN, "One run, with per-table progress",
                        h.bulkSyncs()::execution),

                Route.get("/api/events", Access.SIGNED_IN, "The organization's events of the last 48 hours, newest first",
                        h.events()::list),
                Route.get("/api/events_types", Access.SIGNED_IN, "The kinds of event", h.events()::types),

                Route.get("/api/webhooks", Access.ADMIN, "The organization's webhooks, secrets never shown", h.webhooks()::list),
                Route.post("/api/webhooks", Access.ADMIN, "Adds an endpoint that receives every event, signed with its secret",
                        h.webhooks()::create),
                Route.get("/api/webhooks/{webhook}", Access.ADMIN, "One webhook", h.webhooks()::get),
                Route.put("/api/webhooks/{webhook}", Access.ADMIN, "Replaces a webhook's endpoint and, when given, its secret",
                        h.webhooks()::update),
                Route.delete("/api/webhooks/{webhook}", Access.ADMIN, "Deletes a webhook and its queued deliveries", h.webhooks()::delete),
                Route.post("/api/webhooks/{webhook}/disable", Access.ADMIN, "Pauses a webhook: it gets no new deliveries",
                        h.webhooks()::disable),
                Route.post("/api/webhooks/{webhook}/enable", Access.ADMIN, "Resumes a paused webhook", h.webhooks()::enable),

                Route.get("/api/notifications/global-error-subscribers", Access.SIGNED_IN,
                        "Who is emailed when a sync fails or runs too long", h.errorSubscribers()::get),
                Route.put("/api/notifications/global-error-subscribers", Access.ADMIN, "Replaces who is emailed when a sync fails",
                        h.errorSubscribers()::replace),

                Route.post("/api/admin/tokens", Access.ADMIN, "A short-lived admin token for the console, in exchange for admin credentials",
                        h.adminTokens()::create),

                Route.get("/api/admin/health", Access.CONSOLE, "Health of every part: database, Redis, blob stores", h.admin()::health),
                Route.get("/api/admin/config", Access.CONSOLE, "The effective configuration, secrets masked, with each value's source",
                        h.admin()::config),
                Route.get("/api/admin/executions/hourly", Access.CONSOLE, "Runs ended per hour and how many failed, for the console's chart",
                        h.admin()::executionsPerHour),
                Route.get("/api/admin/logs", Access.CONSOLE, "Recent server log lines, filtered, paged and long-polled", h.admin()::logs),
                Route.get("/api/admin/workspaces", Access.CONSOLE, "Workspaces with their number of users", h.adminWorkspaces()::list),
                Route.post("/api/admin/workspaces", Access.DEPLOYMENT, "Bootstraps a workspace and its admins, idempotently",
                        h.adminWorkspaces()::provision),

                Route.get("/api/audit", Access.ADMIN, "The organization's audit log, newest first", h.audit()::list),

                // Last in spirit: the router prefers every other template to this catch-all.
                Route.get("/*", Access.PUBLIC, "The browser UI: its files, and its page for any other path outside /api", h.ui())));
        if (h.localSignIn()) {
            routes.add(Route.get("/auth/local", Access.PUBLIC, "Development mode: one-time sign-in link for ROOT_USER", h.signIn()::local));
        }
        return List.copyOf(routes);
    }
}
