package dev.tributary.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.auth.Caller.Credential;
import dev.tributary.server.auth.Caller.UserCaller;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Roles and policies through the API, and the permission check every object handler relies on. */
class PermissionsIT {

    private final TestingServer server = new TestingServer(Map.of());
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final Permissions permissions = new Permissions(server.server().store(), Clock.systemUTC());
    private final UUID alpha = UUID.fromString(people.adminA().organizationId());
    private final String adminKey = people.adminA().apiKey();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyOrganizationStartsWithTheSystemRolesAndADefaultPolicyForUsers() {
        JsonNode roles = TestingServer.json(server.call("GET", "/api/permissions/roles", people.userA().apiKey(), null)).at("/data");
        JsonNode policies = TestingServer.json(server.call("GET", "/api/permissions/policies", people.userA().apiKey(), null)).at("/data");

        assertThat(roles.findValuesAsText("name")).containsExactly("admin", "user");
        assertThat(roles.findValuesAsText("system")).containsOnly("true");
        assertThat(policies.findValuesAsText("name")).containsExactly("Default");
        assertThat(policies.at("/0/policy_actions").findValuesAsText("action"))
                .containsExactlyInAnyOrder("create", "delete", "edit", "export", "query", "sync_to", "trigger");
        assertThat(policies.at("/0/policy_actions/0/role_ids/0").asText()).isEqualTo(people.userA().userRoleId());
    }

    @Test
    void usersMayDoEverythingButApplyPoliciesOnObjectsWithoutPoliciesAndAdminsMayDoAll() {
        UserCaller user = caller("user");
        UserCaller admin = caller("admin");

        for (Action action : Action.values()) {
            assertThat(permissions.allowed(user, action, alpha, List.of())).as(action.id()).isEqualTo(action != Action.APPLY_POLICY);
            assertThat(permissions.allowed(admin, action, alpha, List.of())).as(action.id()).isTrue();
        }
    }

    @Test
    void aCustomRoleGetsExactlyWhatPoliciesGrantIt() {
        String analyst = id(server.call("POST", "/api/permissions/roles", adminKey, "{\"name\": \"Analyst\"}"));
        UserCaller analystCaller = caller("Analyst");
        assertThat(permissions.allowed(analystCaller, Action.QUERY, alpha, List.of())).isFalse();

        HttpResponse<String> defaultGrantsQuery = server.call("PUT", "/api/permissions/policies/" + people.adminA().defaultPolicyId(), adminKey,
                "{\"name\": \"Default\", \"policy_actions\": [{\"action\": \"query\", \"role_ids\": [\"" + analyst + "\", \""
                        + people.adminA().userRoleId() + "\"]}, {\"action\": \"edit\", \"role_ids\": [\"" + people.adminA().userRoleId() + "\"]}]}");
        assertThat(defaultGrantsQuery.statusCode()).as(defaultGrantsQuery.body()).isEqualTo(200);
        String editors = id(server.call("POST", "/api/permissions/policies", adminKey,
                "{\"name\": \"Finance editors\", \"policy_actions\": [{\"action\": \"edit\", \"role_ids\": [\"" + analyst + "\"]}]}"));

        assertThat(permissions.allowed(analystCaller, Action.QUERY, alpha, List.of())).isTrue();
        assertThat(permissions.allowed(analystCaller, Action.EDIT, alpha, List.of())).isFalse();
        assertThat(permissions.allowed(analystCaller, Action.EDIT, alpha, List.of(UUID.fromString(editors)))).isTrue();
        assertThat(permissions.allowed(caller("user"), Action.EDIT, alpha, List.of(UUID.fromString(editors))))
                .as("an object's own policies replace the Default policy").isFalse();
        assertThat(permissions.allowed(caller("user"), Action.EXPORT, alpha, List.of())).as("Default no longer grants export").isFalse();
    }

    @Test
    void membersHoldCustomRolesWhichFollowRenamesAndCannotBeDeletedWhileHeld() {
        String role = id(server.call("POST", "/api/permissions/roles", adminKey, "{\"name\": \"Analyst\"}"));
        String ulf = "/api/organizations/" + alpha + "/users/" + people.userA().userId();

        HttpResponse<String> assigned = server.call("PUT", ulf, adminKey, "{\"role\": \"analyst\"}");
        HttpResponse<String> renamed = server.call("PUT", "/api/permissions/roles/" + role, adminKey, "{\"name\": \"Data analyst\"}");
        HttpResponse<String> deleteHeld = server.call("DELETE", "/api/permissions/roles/" + role, adminKey, null);

        assertThat(TestingServer.json(assigned).at("/data/role").asText()).isEqualTo("Analyst");
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(TestingServer.json(server.call("GET", ulf, adminKey, null)).at("/data/role").asText()).isEqualTo("Data analyst");
        assertThat(deleteHeld.statusCode()).isEqualTo(409);
        assertThat(TestingServer.json(deleteHeld).get("detail").asText()).contains("give them another role");

        server.call("PUT", ulf, adminKey, "{\"role\": \"user\"}");
        assertThat(server.call("DELETE", "/api/permissions/roles/" + role, adminKey, null).statusCode()).isEqualTo(204);
    }

    @Test
    void systemRolesAndTheDefaultPolicyKeepTheirNamesAndCannotBeDeleted() {
        String userRole = "/api/permissions/roles/" + people.adminA().userRoleId();
        String defaultPolicy = "/api/permissions/policies/" + people.adminA().defaultPolicyId();

        assertThat(server.call("PUT", userRole, adminKey, "{\"name\": \"member\"}").statusCode()).isEqualTo(409);
        assertThat(server.call("DELETE", userRole, adminKey, null).statusCode()).isEqualTo(409);
        assertThat(server.call("DELETE", defaultPolicy, adminKey, null).statusCode()).isEqualTo(409);
        HttpResponse<String> rename = server.call("PUT", defaultPolicy, adminKey, "{\"name\": \"Other\", \"policy_actions\": []}");
        assertThat(rename.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(rename).at("/errors/0/field").asText()).isEqualTo("name");
    }

    @Test
    void badPoliciesAreRefusedFieldByField() {
        HttpResponse<String> response = server.call("POST", "/api/permissions/policies", adminKey,
                "{\"name\": \"Bad\", \"policy_actions\": [{\"action\": \"fly\", \"role_ids\": []},"
                        + " {\"action\": \"edit\", \"role_ids\": [\"" + people.adminB().userRoleId() + "\"]}]}");
        HttpResponse<String> duplicate = server.call("POST", "/api/permissions/roles", adminKey, "{\"name\": \"USER\"}");
        HttpResponse<String> unknownRole = server.call("PUT", "/api/organizations/" + alpha + "/users/" + people.userA().userId(), adminKey,
                "{\"role\": \"pilot\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(response).at("/errors").findValuesAsText("field"))
                .containsExactly("policy_actions[0].action", "policy_actions[1].role_ids");
        assertThat(TestingServer.json(duplicate).at("/errors/0/message").asText()).contains("already named");
        assertThat(TestingServer.json(unknownRole).at("/errors/0/field").asText()).isEqualTo("role");
    }

    @Test
    void theRequireMessageSaysWhoMayNotDoWhatAndHowToFixIt() {
        try {
            permissions.require(caller("user"), Action.APPLY_POLICY, alpha, List.of(), "this connection");
            throw new AssertionError("allowed");
        } catch (dev.tributary.server.error.TributaryException refused) {
            assertThat(refused.code()).isEqualTo(dev.tributary.server.error.ErrorCode.FORBIDDEN);
            assertThat(refused.getMessage()).isEqualTo("Your role 'user' may not apply policy this connection."
                    + " An admin can grant it with a policy (/api/permissions/policies).");
        }
    }

    private UserCaller caller(String role) {
        return new UserCaller(UUID.fromString(people.userA().userId()), alpha, "ulf@alpha.test", role, Credential.API_KEY);
    }

    private static String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestingServer.json(response).at("/data/id").asText();
    }
}
