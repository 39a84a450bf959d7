package dev.tributary.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tributary.server.config.Secret;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/** Sign-in against a real OpenID Connect server running in the test, and every way it must refuse. */
class OidcSignInIT {

    private static final String CLIENT_ID = "tributary-test-client";
    private static final String ISSUER_ID = "tributary";

    private static MockOAuth2Server identityProvider;
    private static TestingServer server;
    private static TwoOrganizations people;

    @BeforeAll
    static void start() {
        identityProvider = new MockOAuth2Server();
        identityProvider.start();
        server = new TestingServer(Map.of(
                "GOOGLE_CLIENT_ID", CLIENT_ID,
                "GOOGLE_CLIENT_SECRET", "client-secret-for-tests",
                "OIDC_ISSUER", identityProvider.issuerUrl(ISSUER_ID).toString()));
        people = TwoOrganizations.create(server);
        HttpResponse<String> domain = server.call("PUT", "/api/organizations/" + people.adminB().organizationId(),
                TestingServer.DEPLOYMENT_API_KEY, "{\"name\": \"Bravo\", \"sso_domain\": \"bravo.test\"}");
        assertThat(domain.statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
        identityProvider.shutdown();
    }

    @Test
    void anInvitedUserSignsInAndGetsASession() {
        HttpResponse<String> back = signIn("ada@alpha.test", true);

        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(back.headers().firstValue("location")).contains("/");
        String cookie = sessionCookie(back);
        assertThat(back.headers().allValues("set-cookie")).anySatisfy(header -> assertThat(header)
                .startsWith(AuthGate.SESSION_COOKIE + "=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        HttpResponse<String> me = server.send(server.request("/api/me").header("Cookie", cookie).build());
        assertThat(TestingServer.json(me).at("/data/email").asText()).isEqualTo("ada@alpha.test");
        HttpResponse<String> audit = server.call("GET", "/api/audit", people.adminA().apiKey(), null);
        assertThat(audit.body()).contains("\"action\":\"sign_in\"");
    }

    @Test
    void afterSigningInThePersonReturnsWhereTheyStarted() {
        HttpResponse<String> login = get(URI.create(server.base() + "/auth/login?return_to=%2Fauth%2Fconsole%3Fstate%3Dx"));
        URI authorize = URI.create(login.headers().firstValue("location").orElseThrow());
        identityProvider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "ada", "JWT", List.of(CLIENT_ID),
                Map.of("email", "ada@alpha.test", "email_verified", true), 3600));
        URI callback = URI.create(get(authorize).headers().firstValue("location").orElseThrow());

        HttpResponse<String> back = get(URI.create(server.base() + "/auth?" + callback.getRawQuery()));

        assertThat(back.headers().firstValue("location")).contains("/auth/console?state=x");
    }

    @Test
    void theSameCallbackCannotBeUsedTwice() {
        URI callback = callbackFromProvider("ada@alpha.test", true);
        HttpResponse<String> first = get(callback);

        HttpResponse<String> replay = get(callback);

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("expired or was already used");
        assertThat(replay.headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void theDevelopmentSignInLinkDoesNotExistWhenAnOAuthClientIsSet() {
        assertThat(get(URI.create(server.base() + "/auth/local?token=anything")).statusCode()).isEqualTo(404);
    }

    @Test
    void aStateWeDidNotIssueIsRefused() {
        HttpResponse<String> forged = get(URI.create(server.base() + "/auth?code=stolen&state=" + Tokens.random()));

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void someoneNotInvitedSeesAClearPageAndNoSession() {
        HttpResponse<String> back = signIn("mallory@elsewhere.test", true);

        assertThat(back.statusCode()).isEqualTo(403);
        assertThat(back.body()).contains("Not invited", "mallory@elsewhere.test");
        assertThat(back.headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void someoneFromTheOrganizationsSsoDomainJoinsAsAUser() {
        HttpResponse<String> back = signIn("new.hire@bravo.test", true);

        assertThat(back.statusCode()).isEqualTo(302);
        HttpResponse<String> me = server.send(server.request("/api/me").header("Cookie", sessionCookie(back)).build());
        assertThat(TestingServer.json(me).at("/data/organization_id").asText()).isEqualTo(people.adminB().organizationId());
        assertThat(TestingServer.json(me).at("/data/role").asText()).isEqualTo("user");
    }

    @Test
    void anUnverifiedEmailIsRefused() {
        HttpResponse<String> back = signIn("ada@alpha.test", false);

        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(back.body()).contains("not verified");
    }

    @Test
    void anOrganizationWithItsOwnProviderSignsItsPeopleInThroughIt() throws Exception {
        HttpResponse<String> charlie = server.call("POST", "/api/organizations", TestingServer.DEPLOYMENT_API_KEY,
                "{\"name\": \"Charlie\", \"sso_domain\": \"charlie.test\", \"issuer\": \"" + identityProvider.issuerUrl("charlie-okta")
                        + "\", \"client_id\": \"charlie-client\", \"client_secret\": \"charlie-client-secret\"}");
        assertThat(charlie.statusCode()).as(charlie.body()).isEqualTo(201);
        assertThat(TestingServer.json(charlie).at("/data/client_secret").asText()).isEqualTo("****");

        HttpResponse<String> login = get(URI.create(server.base() + "/auth/login?email=cy@charlie.test"));
        URI authorize = URI.create(login.headers().firstValue("location").orElseThrow());
        assertThat(authorize.getPath()).startsWith("/charlie-okta/");
        assertThat(authorize.getQuery()).contains("client_id=charlie-client");
        identityProvider.enqueueCallback(new DefaultOAuth2TokenCallback("charlie-okta", "cy", "JWT", List.of("charlie-client"),
                Map.of("email", "cy@charlie.test", "email_verified", true), 3600));
        URI callback = URI.create(get(authorize).headers().firstValue("location").orElseThrow());
        HttpResponse<String> back = get(URI.create(server.base() + "/auth?" + callback.getRawQuery()));

        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        HttpResponse<String> me = server.send(server.request("/api/me").header("Cookie", sessionCookie(back)).build());
        assertThat(TestingServer.json(me).at("/data/organization_name").asText()).isEqualTo("Charlie");

        HttpResponse<String> throughDefault = signIn("di@charlie.test", true);
        assertThat(throughDefault.statusCode()).as("the deployment's provider does not vouch for Charlie's people").isEqualTo(400);
        assertThat(throughDefault.body()).contains("its own provider");
        try (var connection = server.postgres().connect();
             var row = connection.createStatement().executeQuery("SELECT oidc_client_secret FROM organizations WHERE name = 'Charlie'")) {
            row.next();
            assertThat(row.getString(1)).startsWith("v1:").doesNotContain("charlie-client-secret");
        }
    }

    @Test
    void signingInWithoutAnEmailWhenOnlyOrganizationsHaveProvidersAsksForIt() {
        HttpResponse<String> form;
        try (TestingServer withoutDefault = new TestingServer(Map.of())) {
            form = withoutDefault.send(withoutDefault.request("/auth/login").build());
        }

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<form", "name=\"email\"");
    }

    // --- the ID token checks, one by one ---

    @Test
    void aValidTokenPasses() throws Exception {
        assertThat(provider().verify(token(Map.of("nonce", "n-1"), 3600).serialize(), "n-1").email()).isEqualTo("ada@alpha.test");
    }

    @Test
    void aTokenWithAnotherNonceIsRefused() {
        assertRefused(token(Map.of("nonce", "someone-elses"), 3600).serialize(), "nonce");
    }

    @Test
    void aTokenForAnotherClientIsRefused() {
        SignedJWT forAnother = identityProvider.issueToken(ISSUER_ID, "subject", new DefaultOAuth2TokenCallback(ISSUER_ID, "subject", "JWT",
                List.of("another-client"), Map.of("email", "ada@alpha.test", "email_verified", true, "nonce", "n-1"), 3600));

        assertRefused(forAnother.serialize(), "aud claim");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(token(Map.of("nonce", "n-1"), -600).serialize(), "expired");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String unsigned = new PlainJWT(claims(identityProvider.issuerUrl(ISSUER_ID).toString(), CLIENT_ID)).serialize();

        assertRefused(unsigned, "");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(identityProviderKeyId()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims(identityProvider.issuerUrl(ISSUER_ID).toString(), CLIENT_ID));
        forged.sign(new RSASSASigner(stranger));

        assertRefused(forged.serialize(), "");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        SignedJWT other = identityProvider.issueToken("another-issuer", "subject", new DefaultOAuth2TokenCallback("another-issuer", "subject",
                "JWT", List.of(CLIENT_ID), Map.of("email", "ada@alpha.test", "email_verified", true, "nonce", "n-1"), 3600));

        assertRefused(other.serialize(), "");
    }

    private static void assertRefused(String idToken, String reason) {
        try {
            provider().verify(idToken, "n-1");
        } catch (OidcProvider.SignInRefused refused) {
            assertThat(refused.getMessage()).containsIgnoringCase(reason);
            return;
        }
        throw new AssertionError("the token was accepted");
    }

    private static OidcProvider provider() {
        return new OidcProvider(URI.create(identityProvider.issuerUrl(ISSUER_ID).toString()), CLIENT_ID, new Secret("client-secret-for-tests"),
                URI.create(server.base() + "/auth"));
    }

    private static SignedJWT token(Map<String, Object> extraClaims, long expirySeconds) {
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("email", "ada@alpha.test", "email_verified", true));
        claims.putAll(extraClaims);
        return identityProvider.issueToken(ISSUER_ID, "subject", new DefaultOAuth2TokenCallback(ISSUER_ID, "subject", "JWT",
                List.of(CLIENT_ID), claims, expirySeconds));
    }

    private static String identityProviderKeyId() throws Exception {
        return token(Map.of(), 3600).getHeader().getKeyID();
    }

    private static JWTClaimsSet claims(String issuer, String audience) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("subject")
                .issueTime(Date.from(Instant.now())).expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .claim("email", "ada@alpha.test").claim("email_verified", true).claim("nonce", "n-1").build();
    }

    // --- the browser's side of the flow ---

    /** Follows the flow as a browser would: our login, the provider's authorize endpoint, and back to our callback. */
    private HttpResponse<String> signIn(String email, boolean verified) {
        return get(callbackFromProvider(email, verified));
    }

    private URI callbackFromProvider(String email, boolean verified) {
        HttpResponse<String> login = get(URI.create(server.base() + "/auth/login"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        URI authorize = URI.create(login.headers().firstValue("location").orElseThrow());
        assertThat(authorize.getQuery()).contains("code_challenge_method=S256", "nonce=", "state=", "client_id=" + CLIENT_ID);
        identityProvider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "subject-" + email, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", verified), 3600));
        HttpResponse<String> fromProvider = get(authorize);
        assertThat(fromProvider.statusCode()).as(fromProvider.body()).isEqualTo(302);
        URI callback = URI.create(fromProvider.headers().firstValue("location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/auth");
        return URI.create(server.base() + "/auth?" + callback.getRawQuery());
    }

    private static HttpResponse<String> get(URI uri) {
        return server.send(HttpRequest.newBuilder(uri).GET().build());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("set-cookie").stream()
                .filter(header -> header.startsWith(AuthGate.SESSION_COOKIE + "="))
                .map(header -> header.substring(0, header.indexOf(';')))
                .findFirst().orElseThrow();
    }
}
