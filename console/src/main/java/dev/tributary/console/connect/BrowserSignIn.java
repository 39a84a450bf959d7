package dev.tributary.console.connect;

import com.google.api.client.extensions.java6.auth.oauth2.AuthorizationCodeInstalledApp;
import com.google.api.client.extensions.jetty.auth.oauth2.LocalServerReceiver;
import dev.tributary.console.client.AdminClient;
import dev.tributary.protocol.identity.AdminTokenResponse;
import dev.tributary.protocol.identity.ConsoleTokenRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Signs the operator in through the system browser: the server's {@code /auth/console} page (where they sign in as
 * usual) redirects to a loopback address this console listens on with a one-time code, which is traded with the PKCE
 * verifier for an admin token. The loopback receiver and the browser launch are google-oauth-client's installed-app pieces.
 */
public final class BrowserSignIn {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http;
    private final Consumer<String> browser;

    public BrowserSignIn(HttpClient http, Consumer<String> browser) {
        this.http = http;
        this.browser = browser;
    }

    /** Opens the system browser (or prints the address to open when there is no desktop). */
    public static BrowserSignIn system(HttpClient http) {
        return new BrowserSignIn(http, AuthorizationCodeInstalledApp::browse);
    }

    /** Blocks until the browser comes back to the loopback address; call it off the FX thread. */
    public AdminTokenResponse signIn(URI server) throws IOException {
        String verifier = random();
        String state = random();
        LocalServerReceiver receiver = new LocalServerReceiver.Builder().setHost("127.0.0.1").setPort(-1).build();
        try {
            String redirect = receiver.getRedirectUri();
            browser.accept(server.resolve("/auth/console").toString() + "?redirect_uri=" + encode(redirect) + "&state=" + state
                    + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
            String code = receiver.waitForCode();
            if (code == null) {
                throw new IOException("The browser came back without a sign-in code: the sign-in was refused or canceled.");
            }
            return AdminClient.consoleToken(http, server, new ConsoleTokenRequest(code, verifier, redirect));
        } finally {
            receiver.stop();
        }
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
