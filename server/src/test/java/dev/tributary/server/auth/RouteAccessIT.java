package dev.tributary.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.http.Access;
import dev.tributary.server.http.Route;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TwoOrganizations;
import dev.tributary.server.testing.TwoOrganizations.Member;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Walks the server's whole route table: nothing but the public routes is open, and no organization sees another's objects. */
class RouteAccessIT {

    private static TestingServer server;
    private static TwoOrganizations people;
    /** A webhook of each organization, by organization id. */
    private static final Map<String, String> webhooks = new HashMap<>();
    private static final Map<String, String> models = new HashMap<>();
    /** A SQL runner query of each organization's admin, by organization id. */
    private static final Map<String, String> queries = new HashMap<>();

    @BeforeAll
    static void start() {
        server = new TestingServer(Map.of());
        people = TwoOrganizations.create(server);
        HttpResponse<String> viewer = server.call("POST", "/api/permissions/roles", people.adminA().apiKey(), "{\"name\": \"viewer\"}");
        assertThat(viewer.statusCode()).isEqualTo(201);
        HttpResponse<String> demoted = server.call("PUT", "/api/organizations/" + people.userA().organizationId() + "/users/"
                + people.userA().userId(), people.adminA().apiKey(), "{\"role\": \"viewer\"}");
        assertThat(demoted.statusCode()).isEqualTo(200);
        for (Member admin : List.of(people.adminA(), people.adminB())) {
            HttpResponse<String> webhook = server.call("POST", "/api/webhooks", admin.apiKey(),
                    "{\"endpoint\": \"http://127.0.0.1:9/hook\", \"secret\": \"route-walk-secret-0123456789\"}");
            assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(201);
            webhooks.put(admin.organizationId(), TestingServer.json(webhook).at("/data/id").asText());
            HttpResponse<String> model = server.call("POST", "/api/models", admin.apiKey(), "{\"name\": \"Organizations\", \"connection_id\": \""
                    + admin.connectionId() + "\", \"configuration\": {\"table\": \"public.organizations\"}}");
            assertThat(model.statusCode()).as(model.body()).isEqualTo(201);
            models.put(admin.organizationId(), TestingServer.json(model).at("/data/id").asText());
            HttpResponse<String> query = server.call("POST", "/api/connections/" + admin.connectionId() + "/query", admin.apiKey(),
                    "{\"query\": \"SELECT 1\"}");
            assertThat(query.statusCode()).as(query.body()).isEqualTo(202);
            queries.put(admin.organizationId(), TestingServer.json(query).at("/data/id").asText());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRouteButThePublicOnesAnswers401WithoutCredentials() {
        List<Route> guarded = server.server().routes().stream().filter(route -> route.access() != Access.PUBLIC).toList();
        assertThat(guarded).hasSizeGreaterThan(10);

        for (Route route : guarded) {
            HttpResponse<String> response = server.call(route.method(), path(route, people.adminA()), null, body(route));
            assertThat(response.statusCode()).as("%s %s", route.method(), route.path()).isEqualTo(401);
            assertThat(response.headers().firstValue("content-type")).as("%s %s", route.method(), route.path())
                    .contains("application/problem+json");
        }
    }

    @Test
    void onlyTheHealthCheckAndSignInRoutesArePublic() {
        // The console's token exchange is credentialed by its one-time code and PKCE verifier instead of a key, a
        // download by the signature of its link; the browser UI's files hold no data (its pages read it from the API).
        assertThat(server.server().routes().stream().filter(route -> route.access() == Access.PUBLIC).map(Route::path))
                .allMatch(path -> path.equals("/status.txt") || path.startsWith("/auth") || path.equals("/api/admin/tokens/console")
                        || path.equals("/downloads/{store}") || path.equals("/*"));
    }

    @Test
    void aWrongKeyIsRefusedLikeNoKey() {
        HttpResponse<String> response = server.call("GET", "/api/me", "trb_not-a-real-key", null);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aPlainUserGets403OnEveryAdminAndDeploymentRouteOfTheirOwnOrganization() {
        for (Route route : routesWith(Access.ADMIN, Access.DEPLOYMENT)) {
            HttpResponse<String> response = server.call(route.method(), path(route, people.userA()), people.userA().apiKey(), body(route));
            assertThat(response.statusCode()).as("%s %s: %s", route.method(), route.path(), response.body()).isEqualTo(403);
        }
    }

    @Test
    void aMemberWhoseRoleGrantsNothingGets403OnEveryChangeOrQueryOfAConnectionOrSync() {
        List<Route> actions = server.server().routes().stream()
                .filter(route -> route.path().startsWith("/api/connections") || route.path().startsWith("/api/bulk"))
                .filter(route -> route.changesState() || route.path().endsWith("/records"))
                .toList();
        assertThat(actions).hasSizeGreaterThanOrEqualTo(13);

        for (Route route : actions) {
            HttpResponse<String> response = server.call(route.method(), path(route, people.userA()), people.userA().apiKey(), validBody(route));
            assertThat(response.statusCode()).as("%s %s: %s", route.method(), route.path(), response.body()).isEqualTo(403);
        }
    }

    @Test
    void anAdminGets403OnDeploymentRoutes() {
        for (Route route : routesWith(Access.DEPLOYMENT)) {
            HttpResponse<String> response = server.call(route.method(), path(route, people.adminA()), people.adminA().apiKey(), body(route));
            assertThat(response.statusCode()).as("%s %s", route.method(), route.path()).isEqualTo(403);
        }
    }

    @Test
    void anAdminOfAGets404ForEveryObjectOfB() {
        for (Route route : server.server().routes()) {
            if (route.access() == Access.PUBLIC || route.access() == Access.DEPLOYMENT || !route.path().contains("{")
                    || route.path().startsWith("/api/connection_types")) {
                continue;
            }
            HttpResponse<String> response = server.call(route.method(), path(route, people.adminB()), people.adminA().apiKey(), body(route));
            assertThat(response.statusCode()).as("%s %s: %s", route.method(), route.path(), response.body()).isEqualTo(404);
        }
    }

    @Test
    void listsWithoutIdsShowOnlyTheCallersOrganization() {
        HttpResponse<String> organizations = server.call("GET", "/api/organizations", people.adminA().apiKey(), null);
        HttpResponse<String> audit = server.call("GET", "/api/audit", people.adminA().apiKey(), null);

        assertThat(TestingServer.json(organizations).at("/data").findValuesAsText("id")).containsExactly(people.adminA().organizationId());
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains(people.adminA().userId()).doesNotContain(people.adminB().userId());
        assertThat(TestingServer.json(server.call("GET", "/api/webhooks", people.adminA().apiKey(), null)).at("/data").findValuesAsText("id"))
                .containsExactly(webhooks.get(people.adminA().organizationId()));
    }

    private static List<Route> routesWith(Access... accesses) {
        List<Access> wanted = List.of(accesses);
        return server.server().routes().stream().filter(route -> wanted.contains(route.access())).toList();
    }

    /** The route's path with the ids of one member's organization, user and key. */
    private static String path(Route route, Member member) {
        return route.path()
                .replace("{org}", member.organizationId())
                .replace("{user}", member.userId())
                .replace("{key}", member.apiKeyId())
                .replace("{role}", member.userRoleId())
                .replace("{policy}", member.defaultPolicyId())
                .replace("{connection}", member.connectionId())
                .replace("{sync}", member.bulkSyncId())
                .replace("{execution}", member.executionId())
                .replace("{webhook}", webhooks.get(member.organizationId()))
                .replace("{model}", models.get(member.organizationId()))
                .replace("{query}", queries.get(member.organizationId()))
                .replace("{store}", "exports")
                .replace("{schema}", "public.organizations")
                .replace("{type}", "errors")
                .replace("{type}", "postgresql");
    }

    /** A body that passes validation, so only the permission can refuse it. */
    private static String validBody(Route route) {
        if (!route.method().equals("POST") && !route.method().equals("PUT") && !route.method().equals("PATCH")) {
            return null;
        }
        if (!route.path().startsWith("/api/connections")) {
            return "{}";
        }
        if (route.path().endsWith("/query")) {
            return "{\"query\": \"SELECT 1\"}";
        }
        String configuration = "{\"host\": \"127.0.0.1\", \"database\": \"d\", \"username\": \"u\"}";
        return route.path().endsWith("/test")
                ? "{\"type\": \"postgresql\", \"configuration\": " + configuration + "}"
                : "{\"name\": \"x\", \"type\": \"postgresql\", \"validate\": false, \"configuration\": " + configuration + "}";
    }

    private static String body(Route route) {
        return route.method().equals("POST") || route.method().equals("PUT") || route.method().equals("PATCH") ? "{}" : null;
    }
}
