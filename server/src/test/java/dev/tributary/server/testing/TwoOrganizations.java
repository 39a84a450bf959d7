package dev.tributary.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/**
 * Two organizations made through the API with the deployment key: A with an admin and a plain user, B with an admin,
 * each person holding an API key.
 */
public record TwoOrganizations(Member adminA, Member userA, Member adminB) {

    /**
     * A member: their organization, their user id, a clear API key, their organization's 'user' role and Default policy,
     * a connection they added, and a bulk sync of it with one run.
     */
    public record Member(String organizationId, String userId, String email, String apiKey, String apiKeyId, String userRoleId,
            String defaultPolicyId, String connectionId, String bulkSyncId, String executionId) {}

    public static TwoOrganizations create(TestingServer server) {
        String orgA = organization(server, "Alpha");
        String orgB = organization(server, "Bravo");
        return new TwoOrganizations(member(server, orgA, "ada@alpha.test", "admin"), member(server, orgA, "ulf@alpha.test", "user"),
                member(server, orgB, "bea@bravo.test", "admin"));
    }

    private static String organization(TestingServer server, String name) {
        HttpResponse<String> created = server.call("POST", "/api/organizations", TestingServer.DEPLOYMENT_API_KEY,
                "{\"name\": \"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestingServer.json(created).at("/data/id").asText();
    }

    private static Member member(TestingServer server, String organizationId, String email, String role) {
        HttpResponse<String> user = server.call("POST", "/api/organizations/" + organizationId + "/users", TestingServer.DEPLOYMENT_API_KEY,
                "{\"email\": \"" + email + "\", \"role\": \"" + role + "\"}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String userId = TestingServer.json(user).at("/data/id").asText();
        HttpResponse<String> key = server.call("POST", "/api/organizations/" + organizationId + "/users/" + userId + "/keys",
                TestingServer.DEPLOYMENT_API_KEY, "{\"name\": \"tests\"}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        String query = "?organization_id=" + organizationId;
        String userRole = idNamed(server.call("GET", "/api/permissions/roles" + query, TestingServer.DEPLOYMENT_API_KEY, null), "user");
        String defaultPolicy = idNamed(server.call("GET", "/api/permissions/policies" + query, TestingServer.DEPLOYMENT_API_KEY, null), "Default");
        HttpResponse<String> connection = server.call("POST", "/api/connections", TestingServer.DEPLOYMENT_API_KEY,
                "{\"name\": \"" + email + "'s database\", \"type\": \"postgresql\", \"organization_id\": \"" + organizationId
                        + "\", \"validate\": false, \"configuration\": {\"host\": \"" + TestingPostgres.HOST + "\", \"database\": \""
                        + server.postgres().database() + "\", \"username\": \"" + TestingPostgres.SUPERUSER + "\"}}");
        assertThat(connection.statusCode()).as(connection.body()).isEqualTo(201);
        String connectionId = TestingServer.json(connection).at("/data/id").asText();
        HttpResponse<String> sync = server.call("POST", "/api/bulk/syncs", TestingServer.DEPLOYMENT_API_KEY, "{\"name\": \"" + email
                + "'s copy\", \"organization_id\": \"" + organizationId + "\", \"source_connection_id\": \"" + connectionId
                + "\", \"destination_connection_id\": \"" + connectionId + "\", \"schemas\": []}");
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(201);
        String syncId = TestingServer.json(sync).at("/data/id").asText();
        HttpResponse<String> execution = server.call("POST", "/api/bulk/syncs/" + syncId + "/executions?organization_id=" + organizationId,
                TestingServer.DEPLOYMENT_API_KEY, "{}");
        assertThat(execution.statusCode()).as(execution.body()).isEqualTo(201);
        return new Member(organizationId, userId, email, TestingServer.json(key).at("/data/key").asText(),
                TestingServer.json(key).at("/data/id").asText(), userRole, defaultPolicy, connectionId, syncId,
                TestingServer.json(execution).at("/data/id").asText());
    }

    private static String idNamed(HttpResponse<String> list, String name) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (var item : TestingServer.json(list).at("/data")) {
            if (item.get("name").asText().equals(name)) {
                return item.get("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + list.body());
    }
}
