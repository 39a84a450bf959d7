package dev.tributary.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.TestingOrganization;
import dev.tributary.server.testing.TestingServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The webhooks API against a real server: admins manage them, endpoints and secrets are checked, secrets never come back. */
class WebhooksIT {

    private static final String SECRET = "canary-webhook-secret-5d1e2f";

    private static TestingServer server;
    private final TestingOrganization org = TestingOrganization.create(server);

    @BeforeAll
    static void start() {
        server = new TestingServer(Map.of("ROLE", "web"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void deleteOrganization() {
        org.close();
    }

    @Test
    void anAdminAddsReadsChangesPausesAndDeletesAWebhook() {
        HttpResponse<String> created = call("POST", "/api/webhooks", body("https://example.com/hooks/tributary", SECRET));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode webhook = TestingServer.json(created).at("/data");
        String id = webhook.at("/id").asText();
        assertThat(webhook.at("/organization_id").asText()).isEqualTo(org.id().toString());
        assertThat(webhook.at("/endpoint").asText()).isEqualTo("https://example.com/hooks/tributary");
        assertThat(webhook.at("/paused").asBoolean()).isFalse();
        assertThat(webhook.has("created_at") && webhook.has("updated_at")).isTrue();

        JsonNode replaced = TestingServer.json(call("PUT", "/api/webhooks/" + id, "{\"endpoint\": \"https://example.com/v2\"}")).at("/data");
        JsonNode disabled = TestingServer.json(call("POST", "/api/webhooks/" + id + "/disable", null)).at("/data");
        JsonNode listed = TestingServer.json(call("GET", "/api/webhooks", null)).at("/data");
        JsonNode enabled = TestingServer.json(call("POST", "/api/webhooks/" + id + "/enable", null)).at("/data");
        HttpResponse<String> deleted = call("DELETE", "/api/webhooks/" + id, null);

        assertThat(replaced.at("/endpoint").asText()).isEqualTo("https://example.com/v2");
        assertThat(disabled.at("/paused").asBoolean()).isTrue();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).at("/paused").asBoolean()).isTrue();
        assertThat(enabled.at("/paused").asBoolean()).isFalse();
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/webhooks/" + id, null).statusCode()).isEqualTo(404);
        assertThat(TestingServer.json(call("GET", "/api/webhooks", null)).at("/data")).isEmpty();
        assertThat(TestingServer.json(server.call("GET", "/api/audit", org.adminKey(), null)).at("/data").findValuesAsText("action"))
                .contains("webhook.create", "webhook.update", "webhook.disable", "webhook.enable", "webhook.delete");
    }

    @Test
    void theSecretIsNeverReturnedAndIsStoredEncrypted() {
        List<String> bodies = new ArrayList<>();
        HttpResponse<String> created = call("POST", "/api/webhooks", body("https://example.com/hook", SECRET));
        String id = TestingServer.json(created).at("/data/id").asText();
        bodies.add(created.body());
        bodies.add(call("GET", "/api/webhooks/" + id, null).body());
        bodies.add(call("GET", "/api/webhooks", null).body());
        bodies.add(call("PUT", "/api/webhooks/" + id, body("https://example.com/hook", SECRET + "-2")).body());
        bodies.add(call("POST", "/api/webhooks/" + id + "/disable", null).body());

        assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(SECRET).doesNotContain("secret"));
        assertThat(server.postgres().dumpAsText()).contains("webhooks").doesNotContain(SECRET);
    }

    @Test
    void missingFieldsAreNamedWithWhatToSend() {
        HttpResponse<String> response = call("POST", "/api/webhooks", "{}");

        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(fields(response)).containsExactly("endpoint", "secret");
        assertThat(TestingServer.json(response).at("/errors/0/message").asText()).contains("http(s) URL");
        assertThat(TestingServer.json(response).at("/errors/1/message").asText()).contains("at least 16");
    }

    @Test
    void endpointsThatAreNotHttpUrlsAreRefused() {
        for (String endpoint : List.of("ftp://example.com/hook", "example.com/hook", "https://user:pass@example.com/hook",
                "https://example.com/hook#part", "not a url")) {
            HttpResponse<String> response = call("POST", "/api/webhooks", body(endpoint, SECRET));

            assertThat(fields(response)).as(endpoint).containsExactly("endpoint");
        }
    }

    @Test
    void anEndpointAtTheCloudMetadataAddressIsRefused() {
        HttpResponse<String> response = call("POST", "/api/webhooks", body("http://169.254.169.254/latest/meta-data", SECRET));

        assertThat(fields(response)).containsExactly("endpoint");
        assertThat(TestingServer.json(response).at("/errors/0/message").asText()).contains("169.254.169.254", "link-local");
    }

    @Test
    void aShortSecretIsRefusedWithItsLength() {
        HttpResponse<String> response = call("POST", "/api/webhooks", body("https://example.com/hook", "short-secret"));

        assertThat(fields(response)).containsExactly("secret");
        assertThat(TestingServer.json(response).at("/errors/0/message").asText()).contains("12 characters", "at least 16");
        assertThat(TestingServer.json(call("GET", "/api/webhooks", null)).at("/data")).isEmpty();
    }

    @Test
    void aReplacementIsValidatedLikeANewWebhook() {
        String id = TestingServer.json(call("POST", "/api/webhooks", body("https://example.com/hook", SECRET))).at("/data/id").asText();

        HttpResponse<String> response = call("PUT", "/api/webhooks/" + id, body("gopher://example.com", "tiny"));

        assertThat(fields(response)).containsExactly("endpoint", "secret");
        assertThat(TestingServer.json(call("GET", "/api/webhooks/" + id, null)).at("/data/endpoint").asText())
                .isEqualTo("https://example.com/hook");
    }

    @Test
    void aPlainMemberMayNotSeeOrChangeWebhooks() {
        assertThat(server.call("GET", "/api/webhooks", org.memberKey(), null).statusCode()).isEqualTo(403);
        assertThat(server.call("POST", "/api/webhooks", org.memberKey(), body("https://example.com/hook", SECRET)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void anotherOrganizationsWebhookIsNotFound() {
        String id = TestingServer.json(call("POST", "/api/webhooks", body("https://example.com/hook", SECRET))).at("/data/id").asText();
        try (TestingOrganization other = TestingOrganization.create(server)) {
            for (String[] request : List.of(new String[] {"GET", ""}, new String[] {"PUT", ""}, new String[] {"DELETE", ""},
                    new String[] {"POST", "/disable"}, new String[] {"POST", "/enable"})) {
                HttpResponse<String> response = server.call(request[0], "/api/webhooks/" + id + request[1], other.adminKey(),
                        request[0].equals("PUT") ? body("https://example.com/mine", SECRET) : null);
                assertThat(response.statusCode()).as("%s %s", request[0], request[1]).isEqualTo(404);
            }
        }
        assertThat(TestingServer.json(call("GET", "/api/webhooks/" + id, null)).at("/data/endpoint").asText())
                .isEqualTo("https://example.com/hook");
    }

    private HttpResponse<String> call(String method, String path, String json) {
        return server.call(method, path, org.adminKey(), json);
    }

    private static String body(String endpoint, String secret) {
        return "{\"endpoint\": \"" + endpoint + "\", \"secret\": \"" + secret + "\"}";
    }

    private static List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return TestingServer.json(response).at("/errors").findValuesAsText("field");
    }
}
