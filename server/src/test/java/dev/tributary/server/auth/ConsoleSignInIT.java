package dev.tributary.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The desktop console signing in through the browser: loopback redirect, PKCE, one-time code, admin token. */
class ConsoleSignInIT {

    private static final String LOOPBACK = "http://127.0.0.1:53682/callback";

    private final TestingServer server = new TestingServer(Map.of());
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final String verifier = Tokens.random();
    private final String challenge = OidcProvider.codeChallenge(verifier);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSignedInAdminHandsTheConsoleACodeThatBuysOneAdminToken() {
        HttpResponse<String> handover = authorize(operatorSession(), LOOPBACK);

        assertThat(handover.statusCode()).as(handover.body()).isEqualTo(302);
        URI location = URI.create(handover.headers().firstValue("location").orElseThrow());
        assertThat(location.toString()).startsWith(LOOPBACK + "?code=").endsWith("&state=console-state");
        String code = query(location, "code");

        HttpResponse<String> token = exchange(code, verifier, LOOPBACK);
        HttpResponse<String> replay = exchange(code, verifier, LOOPBACK);

        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        String adminToken = TestingServer.json(token).at("/data/token").asText();
        assertThat(server.call("GET", "/api/admin/health", adminToken, null).statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(TestingServer.json(replay).at("/errors/0/field").asText()).isEqualTo("code");
    }

    @Test
    void aCodeIsWorthlessWithoutItsVerifierOrForAnotherAddress() {
        String first = query(URI.create(authorize(operatorSession(), LOOPBACK).headers().firstValue("location").orElseThrow()), "code");
        String second = query(URI.create(authorize(operatorSession(), LOOPBACK).headers().firstValue("location").orElseThrow()), "code");

        assertThat(exchange(first, Tokens.random(), LOOPBACK).statusCode()).isEqualTo(400);
        assertThat(exchange(second, verifier, "http://127.0.0.1:1/elsewhere").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyLoopbackAddressesMayReceiveCodes() {
        HttpResponse<String> remote = authorize(operatorSession(), "https://attacker.example/callback");

        assertThat(remote.statusCode()).isEqualTo(400);
        assertThat(remote.headers().firstValue("location")).isEmpty();
    }

    @Test
    void someoneNotSignedInIsSentToSignInAndBackHere() {
        HttpResponse<String> anonymous = authorize(null, LOOPBACK);

        assertThat(anonymous.statusCode()).isEqualTo(302);
        String location = anonymous.headers().firstValue("location").orElseThrow();
        assertThat(location).startsWith("/auth/login?return_to=" + URLEncoder.encode("/auth/console?", StandardCharsets.UTF_8));
    }

    @Test
    void onlyTheOperatorGetsACode() {
        HttpResponse<String> member = authorize(session(people.userA().userId()), LOOPBACK);
        HttpResponse<String> workspaceAdmin = authorize(session(people.adminA().userId()), LOOPBACK);

        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(workspaceAdmin.statusCode()).isEqualTo(403);
        assertThat(workspaceAdmin.headers().firstValue("location")).isEmpty();
    }

    @Test
    void returnToOnlyLeadsToPathsOfThisServer() {
        assertThat(SignIn.localPath("/auth/console?x=1")).isEqualTo("/auth/console?x=1");
        assertThat(SignIn.localPath("https://attacker.example/")).isEqualTo("/");
        assertThat(SignIn.localPath("//attacker.example/")).isEqualTo("/");
        assertThat(SignIn.localPath("/\\\\attacker.example/")).isEqualTo("/");
    }

    private HttpResponse<String> authorize(String cookie, String redirectUri) {
        var request = server.request("/auth/console?redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + "&state=console-state&code_challenge=" + challenge + "&code_challenge_method=S256");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return server.send(request.build());
    }

    private HttpResponse<String> exchange(String code, String codeVerifier, String redirectUri) {
        return server.call("POST", "/api/admin/tokens/console", null,
                "{\"code\": \"" + code + "\", \"code_verifier\": \"" + codeVerifier + "\", \"redirect_uri\": \"" + redirectUri + "\"}");
    }

    private String operatorSession() {
        return session(server.operatorId());
    }

    private String session(String userId) {
        return AuthGate.SESSION_COOKIE + "=" + new SessionService(server.server().store(), Clock.systemUTC())
                .start(UUID.fromString(userId)).token();
    }

    private static String query(URI uri, String name) {
        Matcher matcher = Pattern.compile("(?:^|&)" + name + "=([^&]+)").matcher(uri.getRawQuery());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
