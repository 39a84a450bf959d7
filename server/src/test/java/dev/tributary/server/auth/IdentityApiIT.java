package dev.tributary.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TwoOrganizations;
import dev.tributary.server.testing.TwoOrganizations.Member;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentityApiIT {

    private final TestingServer server = new TestingServer(Map.of("VALID_ORIGINS", "https://ui.alpha.test"));
    private final TwoOrganizations people = TwoOrganizations.create(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void meDescribesTheKeysOwner() {
        JsonNode me = TestingServer.json(server.call("GET", "/api/me", people.userA().apiKey(), null)).at("/data");

        assertThat(me.get("email").asText()).isEqualTo("ulf@alpha.test");
        assertThat(me.get("role").asText()).isEqualTo("user");
        assertThat(me.get("organization_id").asText()).isEqualTo(people.userA().organizationId());
        assertThat(me.get("organization_name").asText()).isEqualTo("Alpha");
    }

    @Test
    void keysAndSessionTokensAreStoredOnlyAsHashes() throws Exception {
        String sessionToken = new SessionService(server.server().store(), Clock.systemUTC()).start(UUID.fromString(people.adminA().userId())).token();

        String everything = databaseAsText();

        assertThat(everything).contains(people.adminA().apiKey().substring(0, 10))
                .as("the whole database").doesNotContain(people.adminA().apiKey(), people.userA().apiKey(), people.adminB().apiKey(),
                        sessionToken, TestingServer.DEPLOYMENT_API_KEY);
    }

    @Test
    void listedKeysShowTheirPrefixButNeverTheKey() {
        Member ada = people.adminA();
        HttpResponse<String> list = server.call("GET", keysPath(ada), ada.apiKey(), null);

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode key = TestingServer.json(list).at("/data/0");
        assertThat(ada.apiKey()).startsWith(key.get("prefix").asText());
        assertThat(key.has("key")).isFalse();
        assertThat(list.body()).doesNotContain(ada.apiKey());
    }

    @Test
    void aRevokedKeyStopsWorkingOnTheNextRequest() {
        Member ulf = people.userA();
        assertThat(server.call("GET", "/api/me", ulf.apiKey(), null).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = server.call("DELETE", keysPath(ulf) + "/" + ulf.apiKeyId(), ulf.apiKey(), null);

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(server.call("GET", "/api/me", ulf.apiKey(), null).statusCode()).isEqualTo(401);
    }

    @Test
    void aUserCannotManageAnotherMembersKeysButAnAdminCan() {
        String adasKeys = keysPath(people.adminA());

        assertThat(server.call("GET", adasKeys, people.userA().apiKey(), null).statusCode()).isEqualTo(403);
        assertThat(server.call("GET", keysPath(people.userA()), people.adminA().apiKey(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void browserSessionsMustSendTheCsrfTokenToChangeAnything() {
        SessionService.Started session = new SessionService(server.server().store(), Clock.systemUTC())
                .start(UUID.fromString(people.adminA().userId()));
        String cookie = AuthGate.SESSION_COOKIE + "=" + session.token();
        String users = "/api/organizations/" + people.adminA().organizationId() + "/users";
        String body = "{\"email\": \"new@alpha.test\"}";

        HttpResponse<String> me = server.send(server.request("/api/me").header("Cookie", cookie).build());
        HttpResponse<String> withoutToken = server.send(server.request(users).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        HttpResponse<String> withToken = server.send(server.request(users).header("Cookie", cookie)
                .header(AuthGate.CSRF_HEADER, session.csrfToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(TestingServer.json(me).at("/data/csrf_token").asText()).isEqualTo(session.csrfToken());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(TestingServer.json(withoutToken).get("detail").asText()).contains(AuthGate.CSRF_HEADER);
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    }

    @Test
    void signingOutRevokesTheSessionOnTheServer() {
        String token = new SessionService(server.server().store(), Clock.systemUTC()).start(UUID.fromString(people.adminA().userId())).token();
        String cookie = AuthGate.SESSION_COOKIE + "=" + token;

        HttpResponse<String> logout = server.send(server.request("/auth/logout").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().allValues("set-cookie")).anySatisfy(header -> assertThat(header).startsWith(AuthGate.SESSION_COOKIE + "=;"));
        assertThat(server.send(server.request("/api/me").header("Cookie", cookie).build()).statusCode()).isEqualTo(401);
    }

    @Test
    void changingARoleEndsTheMembersSessions() {
        String token = new SessionService(server.server().store(), Clock.systemUTC()).start(UUID.fromString(people.userA().userId())).token();
        String cookie = AuthGate.SESSION_COOKIE + "=" + token;

        HttpResponse<String> promoted = server.call("PUT", "/api/organizations/" + people.userA().organizationId() + "/users/"
                + people.userA().userId(), people.adminA().apiKey(), "{\"role\": \"admin\"}");

        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(TestingServer.json(promoted).at("/data/role").asText()).isEqualTo("admin");
        assertThat(server.send(server.request("/api/me").header("Cookie", cookie).build()).statusCode()).isEqualTo(401);
    }

    @Test
    void anAdminExchangesTheirKeyForAConsoleTokenThatEndsWhenTheyAreNoLongerAdmin() {
        HttpResponse<String> issued = server.call("POST", "/api/admin/tokens", people.adminA().apiKey(), null);
        HttpResponse<String> refused = server.call("POST", "/api/admin/tokens", people.userA().apiKey(), null);

        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(refused.statusCode()).isEqualTo(403);
        String token = TestingServer.json(issued).at("/data/token").asText();
        assertThat(TestingServer.json(issued).at("/data/expires_at").asText()).isNotEmpty();
        assertThat(TestingServer.json(server.call("GET", "/api/me", token, null)).at("/data/email").asText()).isEqualTo("ada@alpha.test");

        HttpResponse<String> demoted = server.call("PUT", "/api/organizations/" + people.adminA().organizationId() + "/users/"
                + people.adminA().userId(), TestingServer.DEPLOYMENT_API_KEY, "{\"role\": \"user\"}");
        assertThat(demoted.statusCode()).isEqualTo(200);
        assertThat(server.call("GET", "/api/me", token, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theDeploymentKeyOverBasicAuthActsAsAnAdminOfTheNamedOrganizationOnly() {
        String alpha = people.adminA().organizationId();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((alpha + ":" + TestingServer.DEPLOYMENT_API_KEY).getBytes());
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString((alpha + ":not-the-key").getBytes());

        HttpResponse<String> users = server.send(server.request("/api/organizations/" + alpha + "/users").header("Authorization", basic).build());
        HttpResponse<String> other = server.send(server.request("/api/organizations/" + people.adminB().organizationId() + "/users")
                .header("Authorization", basic).build());
        HttpResponse<String> create = server.send(server.request("/api/organizations").header("Authorization", basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Delta\"}")).build());
        HttpResponse<String> refused = server.send(server.request("/api/me").header("Authorization", wrong).build());

        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(TestingServer.json(users).at("/data").findValuesAsText("email")).contains("ada@alpha.test");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(create.statusCode()).as("creating organizations takes the deployment-wide key").isEqualTo(403);
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void badInputNamesTheFieldAndTheFix() {
        String users = "/api/organizations/" + people.adminA().organizationId() + "/users";

        HttpResponse<String> badEmail = server.call("POST", users, people.adminA().apiKey(), "{\"email\": \"nobody\"}");
        HttpResponse<String> unknownField = server.call("POST", users, people.adminA().apiKey(), "{\"mail\": \"a@b.c\"}");
        HttpResponse<String> badRole = server.call("POST", users, people.adminA().apiKey(), "{\"email\": \"a@b.c\", \"role\": \"owner\"}");
        HttpResponse<String> notJson = server.call("POST", users, people.adminA().apiKey(), "{\"email\": ");
        HttpResponse<String> duplicate = server.call("POST", users, people.adminA().apiKey(), "{\"email\": \"ADA@alpha.test\"}");

        assertThat(fieldOf(badEmail)).isEqualTo("email");
        assertThat(fieldOf(unknownField)).isEqualTo("mail");
        assertThat(fieldOf(badRole)).isEqualTo("role");
        assertThat(TestingServer.json(badRole).at("/errors/0/message").asText()).isEqualTo("must be admin, user, or one of this organization's roles (GET /api/permissions/roles).");
        assertThat(fieldOf(notJson)).isEqualTo("body");
        assertThat(duplicate.statusCode()).isEqualTo(409);
    }

    @Test
    void everyChangeIsInTheAuditLogWithActorTargetAndOutcome() {
        server.call("POST", "/api/organizations/" + people.adminA().organizationId() + "/users", people.adminA().apiKey(),
                "{\"email\": \"cy@alpha.test\"}");

        JsonNode entries = TestingServer.json(server.call("GET", "/api/audit", people.adminA().apiKey(), null)).at("/data");

        JsonNode newest = entries.get(0);
        assertThat(newest.get("actor").asText()).isEqualTo("ada@alpha.test");
        assertThat(newest.get("action").asText()).isEqualTo("user.create");
        assertThat(newest.get("target_type").asText()).isEqualTo("user");
        assertThat(newest.get("outcome").asText()).isEqualTo("success");
        assertThat(entries.findValuesAsText("action")).contains("organization.create", "api_key.create");
    }

    @Test
    void corsHeadersOnlyForAllowedOrigins() {
        HttpResponse<String> allowed = server.send(server.request("/api/me").header("Origin", "https://ui.alpha.test")
                .header("Authorization", "Bearer " + people.adminA().apiKey()).build());
        HttpResponse<String> other = server.send(server.request("/api/me").header("Origin", "https://evil.test")
                .header("Authorization", "Bearer " + people.adminA().apiKey()).build());
        HttpResponse<String> preflight = server.send(server.request("/api/organizations").header("Origin", "https://ui.alpha.test")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(allowed.headers().firstValue("access-control-allow-origin")).contains("https://ui.alpha.test");
        assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValueSatisfying(value -> assertThat(value)
                .contains("X-CSRF-Token"));
    }

    @Test
    void repeatedBadKeysFromOneAddressAreSlowedDown() {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 25; attempt++) {
            statuses.add(server.call("GET", "/api/me", "trb_guess-" + attempt, null).statusCode());
        }

        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 25)).containsOnly(429);
    }

    private static String fieldOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        return TestingServer.json(response).at("/errors/0/field").asText();
    }

    private static String keysPath(Member member) {
        return "/api/organizations/" + member.organizationId() + "/users/" + member.userId() + "/keys";
    }

    /** Every row of every table of the public schema, as JSON text. */
    private String databaseAsText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = server.postgres().connect();
             ResultSet tables = connection.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT row_to_json(t)::text FROM \"" + table + "\" t")) {
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }
}
