package dev.tributary.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tributary.server.config.Secret;
import dev.tributary.server.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One OpenID Connect provider (Google by default): builds the authorization URL (state, nonce, PKCE), exchanges the
 * code for tokens (google-oauth-client), and verifies the ID token's signature against the provider's JWKS, its issuer,
 * audience, expiry and nonce, and that the email is verified (nimbus-jose-jwt). Endpoints come from the discovery document.
 */
public final class OidcProvider {

    private static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final URI issuer;
    private final String clientId;
    private final Secret clientSecret;
    private final URI redirectUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Endpoints endpoints;

    public OidcProvider(URI issuer, String clientId, Secret clientSecret, URI redirectUri) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
    }

    /** What sign-in learned about the person, once every check passed. */
    public record Identity(String subject, String email) {}

    /** Why a sign-in was refused: worded for the person signing in; the log gets the same words. */
    public static final class SignInRefused extends Exception {
        public SignInRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Endpoints(String issuer, String authorization, String token, JWKSource<SecurityContext> keys) {}

    public URI authorizationUrl(String state, String nonce, String codeVerifier) throws SignInRefused {
        return URI.create(new AuthorizationCodeRequestUrl(endpoints().authorization(), clientId)
                .setRedirectUri(redirectUri.toString())
                .setScopes(List.of("openid", "email", "profile"))
                .setState(state)
                .set("nonce", nonce)
                .set("code_challenge", codeChallenge(codeVerifier))
                .set("code_challenge_method", "S256")
                .build());
    }

    /** Exchanges the authorization code (with its PKCE verifier) and verifies the ID token that comes back. */
    public Identity complete(String code, String codeVerifier, String nonce) throws SignInRefused {
        String idToken;
        try {
            TokenResponse response = new AuthorizationCodeTokenRequest(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                    new GenericUrl(endpoints().token()), code)
                    .setRedirectUri(redirectUri.toString())
                    .setClientAuthentication(new ClientParametersAuthentication(clientId, clientSecret.reveal()))
                    .set("code_verifier", codeVerifier)
                    .execute();
            idToken = (String) response.get("id_token");
        } catch (TokenResponseException e) {
            String error = e.getDetails() == null ? "HTTP " + e.getStatusCode() : e.getDetails().getError();
            throw new SignInRefused("The identity provider refused the sign-in code (" + error + "); it may have been used already.", e);
        } catch (IOException e) {
            throw new SignInRefused("The identity provider could not be reached to finish signing in.", e);
        }
        if (idToken == null) {
            throw new SignInRefused("The identity provider sent no ID token.", null);
        }
        return verify(idToken, nonce);
    }

    /** Checks an ID token: signature by the provider's key, issuer, audience (our client id), expiry, nonce and a verified email. */
    public Identity verify(String idToken, String nonce) throws SignInRefused {
        JWTClaimsSet claims;
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED_ALGORITHMS, endpoints().keys()));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                    new JWTClaimsSet.Builder().issuer(endpoints().issuer()).claim("nonce", nonce).build(),
                    Set.of("sub", "iat", "exp", "email")));
            claims = processor.process(idToken, null);
        } catch (ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new SignInRefused("The ID token was refused: " + e.getMessage(), e);
        }
        Object verified = claims.getClaim("email_verified");
        if (!Boolean.TRUE.equals(verified) && !"true".equals(verified)) {
            throw new SignInRefused("The identity provider has not verified this email address.", null);
        }
        return new Identity(claims.getSubject(), String.valueOf(claims.getClaim("email")).toLowerCase(Locale.ROOT));
    }

    private Endpoints endpoints() throws SignInRefused {
        Endpoints known = endpoints;
        if (known != null) {
            return known;
        }
        URI discovery = URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SignInRefused("The identity provider's discovery document answered HTTP " + response.statusCode() + ".", null);
            }
            JsonNode document = Json.mapper().readTree(response.body());
            if (!document.path("issuer").asText().replaceAll("/+$", "").equals(issuer.toString().replaceAll("/+$", ""))) {
                throw new SignInRefused("The discovery document at " + discovery + " names another issuer ("
                        + document.path("issuer").asText() + "); check OIDC_ISSUER.", null);
            }
            known = new Endpoints(document.path("issuer").asText(), document.path("authorization_endpoint").asText(),
                    document.path("token_endpoint").asText(),
                    JWKSourceBuilder.create(URI.create(document.path("jwks_uri").asText()).toURL()).retrying(true).build());
            endpoints = known;
            return known;
        } catch (IOException e) {
            throw new SignInRefused("The identity provider at " + issuer + " could not be reached.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInRefused("Interrupted while contacting the identity provider.", e);
        }
    }

    static String codeChallenge(String codeVerifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
