package dev.tributary.console.connect;

import dev.tributary.console.client.AdminClient;
import dev.tributary.console.client.Credentials;
import dev.tributary.console.client.ServerProbe;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Connects to a server: checks the address, then the credentials, and remembers both (the secret in the keyring only). */
public final class ConnectService {

    private final HttpClient http;
    private final Profiles profiles;
    private final Keyring keyring;

    public ConnectService(HttpClient http, Profiles profiles, Keyring keyring) {
        this.http = http;
        this.profiles = profiles;
        this.keyring = keyring;
    }

    public Profiles profiles() {
        return profiles;
    }

    public Keyring keyring() {
        return keyring;
    }

    /**
     * A connected server; {@code keyringProblem} says why the key could not be kept for next time, if it could not: the
     * connection works all the same.
     */
    public record Connected(AdminClient client, Optional<String> keyringProblem) {}

    /** With a deployment key, ROOT_USER's API key or an admin token; blocks. */
    public Connected withKey(String address, String secret) {
        if (secret.isBlank()) {
            throw new IllegalArgumentException("Enter the deployment key (DEPLOYMENT_API_KEY) or an API key of ROOT_USER, or sign in with the browser.");
        }
        URI server = reachable(address);
        return connected(new AdminClient(http, server, Credentials.of(secret, Clock.systemUTC())));
    }

    /** Through the system browser; blocks until the operator has signed in there. */
    public Connected withBrowser(String address, BrowserSignIn signIn) throws IOException {
        URI server = reachable(address);
        return connected(new AdminClient(http, server, new Credentials.Direct(signIn.signIn(server).token())));
    }

    private Connected connected(AdminClient client) {
        client.health();
        profiles.remember(client.server().toString());
        try {
            keyring.store(client.server().toString(), client.credentials().secret());
            return new Connected(client, Optional.empty());
        } catch (IllegalStateException e) {
            return new Connected(client, Optional.of(e.getMessage()));
        }
    }

    /** A wrong address or a TLS problem is explained before any credential is sent. */
    private URI reachable(String address) {
        URI server = parse(address);
        ServerProbe.Result probe = new ServerProbe(http, Duration.ofSeconds(10)).probe(server);
        return switch (probe) {
            case ServerProbe.Result.Healthy healthy -> server;
            // An unhealthy server still answers the admin API, which says what is wrong.
            case ServerProbe.Result.Unhealthy unhealthy -> server;
            case ServerProbe.Result.Unreachable unreachable -> throw new IllegalStateException(unreachable.explanation());
        };
    }

    static URI parse(String address) {
        String text = address.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Enter the server's address, such as https://tributary.example.com.");
        }
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(text, "needs http:// or https:// and a host name");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + address.strip() + "' is not a server address: " + e.getReason() + ".");
        }
    }
}
