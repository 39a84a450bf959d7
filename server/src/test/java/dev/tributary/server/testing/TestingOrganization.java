package dev.tributary.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * A fresh organization made through the API with the deployment key, with an admin and a plain member who each hold an
 * API key. Closing it deletes the organization and everything in it, so that tests sharing a server stay apart.
 */
public record TestingOrganization(TestingServer server, UUID id, String adminKey, String memberKey) implements AutoCloseable {

    public static TestingOrganization create(TestingServer server) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.call("POST", "/api/organizations", TestingServer.DEPLOYMENT_API_KEY,
                "{\"name\": \"Org " + suffix + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestingServer.json(created).at("/data/id").asText();
        return new TestingOrganization(server, UUID.fromString(id), key(server, id, "admin-" + suffix + "@example.com", "admin"),
                key(server, id, "member-" + suffix + "@example.com", "user"));
    }

    /** Adds a member with {@code role} (a role's name); returns their API key. */
    public String member(String email, String role) {
        return key(server, id.toString(), email, role);
    }

    private static String key(TestingServer server, String organizationId, String email, String role) {
        HttpResponse<String> user = server.call("POST", "/api/organizations/" + organizationId + "/users", TestingServer.DEPLOYMENT_API_KEY,
                "{\"email\": \"" + email + "\", \"role\": \"" + role + "\"}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        HttpResponse<String> key = server.call("POST", "/api/organizations/" + organizationId + "/users/"
                + TestingServer.json(user).at("/data/id").asText() + "/keys", TestingServer.DEPLOYMENT_API_KEY, "{\"name\": \"tests\"}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        return TestingServer.json(key).at("/data/key").asText();
    }

    @Override
    public void close() {
        HttpResponse<String> deleted = server.call("DELETE", "/api/organizations/" + id, TestingServer.DEPLOYMENT_API_KEY, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    }
}
