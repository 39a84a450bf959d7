package dev.tributary.server.auth;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.identity.AdminTokenResponse;
import dev.tributary.protocol.identity.ConsoleTokenRequest;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Caller.Credential;
import dev.tributary.server.auth.Caller.UserCaller;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.ConsoleCode;
import dev.tributary.server.store.Store;
import dev.tributary.server.store.User;
import dev.tributary.server.workspace.Directory;
import io.undertow.server.HttpServerExchange;
import jakarta.persistence.LockModeType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signing the desktop console in through the system browser, as OAuth does for installed apps: the console opens
 * {@code /auth/console} with a loopback redirect URI and a PKCE challenge; an admin signed in here gets a one-time code
 * sent to that loopback address; the console trades it, with its verifier, for a short-lived admin token.
 */
public final class ConsoleSignIn {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

    private final Store store;
    private final Directory directory;
    private final AdminTokens tokens;
    private final AuditLog audit;
    private final FailureLimiter failures;
    private final String operator;
    private final Clock clock;

    public ConsoleSignIn(Store store, Directory directory, AdminTokens tokens, AuditLog audit, FailureLimiter failures, String operator,
            Clock clock) {
        this.operator = operator;
        this.store = store;
        this.directory = directory;
        this.tokens = tokens;
        this.audit = audit;
        this.failures = failures;
        this.clock = clock;
    }

    /** {@code GET /auth/console?redirect_uri=&state=&code_challenge=&code_challenge_method=S256}. */
    public void authorize(HttpServerExchange exchange) {
        String redirectUri = HttpRequests.parameter(exchange, "redirect_uri");
        String state = HttpRequests.parameter(exchange, "state");
        String challenge = HttpRequests.parameter(exchange, "code_challenge");
        if (!loopback(redirectUri) || state.isEmpty() || challenge.length() < 43
                || !"S256".equals(HttpRequests.parameter(exchange, "code_challenge_method"))) {
            HttpResponses.page(exchange, 400, "Console sign-in failed", "The console's request is incomplete: it needs a loopback"
                    + " redirect_uri (http://127.0.0.1:PORT/...), a state and an S256 code_challenge. Update the console.");
            return;
        }
        Optional<Caller> caller = Callers.find(exchange);
        if (caller.isEmpty()) {
            String here = exchange.getRequestPath() + "?" + exchange.getQueryString();
            HttpResponses.redirect(exchange, "/auth/login?return_to=" + URLEncoder.encode(here, StandardCharsets.UTF_8));
            return;
        }
        if (!(caller.get() instanceof UserCaller user) || !user.admin() || !user.email().equalsIgnoreCase(operator)) {
            HttpResponses.page(exchange, 403, "Operators only", "The admin console is for the deployment's operator (ROOT_USER).");
            return;
        }
        String code = Tokens.random();
        store.inTransaction(session -> {
            session.persist(new ConsoleCode(Tokens.hashHex(code), user.userId(), challenge, redirectUri, clock.instant().plus(CODE_LIFETIME)));
            return null;
        });
        HttpResponses.redirect(exchange, redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code + "&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8));
    }

    /** {@code POST /api/admin/tokens/console}: the code and its verifier for an admin token. */
    public void token(HttpServerExchange exchange) {
        String address = AuthGate.clientAddress(exchange);
        if (failures.blocked(address)) {
            throw new TributaryException(ErrorCode.TOO_MANY_REQUESTS, "Too many failed attempts from this address; wait a few minutes.");
        }
        ConsoleTokenRequest request = HttpRequests.json(exchange, ConsoleTokenRequest.class);
        Optional<ConsoleCode> code = request.code() == null ? Optional.empty() : take(request.code());
        boolean valid = code.isPresent()
                && clock.instant().isBefore(code.get().expiresAt())
                && code.get().redirectUri().equals(request.redirectUri())
                && request.codeVerifier() != null
                && Tokens.same(OidcProvider.codeChallenge(request.codeVerifier()), code.get().codeChallenge());
        Optional<User> admin = valid ? directory.findUser(code.get().userId()).filter(user -> Role.ADMIN.id().equals(user.role())) : Optional.empty();
        if (admin.isEmpty()) {
            failures.failed(address);
            throw TributaryException.invalid(List.of(new FieldError("code",
                    "is expired, already used, or does not match the verifier and redirect_uri; sign in again from the console.")));
        }
        User user = admin.get();
        UserCaller caller = new UserCaller(user.id(), user.organization().id(), user.email(), user.role(), Credential.ADMIN_TOKEN);
        AdminTokens.Issued issued = tokens.issue(caller);
        audit.record(caller, caller.organizationId(), "admin_token.create", "admin_token", null, Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(new AdminTokenResponse(issued.token(), issued.expiresAt())));
    }

    private Optional<ConsoleCode> take(String code) {
        return store.inTransaction(session -> {
            ConsoleCode found = session.find(ConsoleCode.class, Tokens.hashHex(code), LockModeType.PESSIMISTIC_WRITE);
            if (found != null) {
                session.remove(found);
            }
            return Optional.ofNullable(found);
        });
    }

    private static boolean loopback(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            String host = uri.getHost() == null ? "" : uri.getHost();
            return "http".equals(uri.getScheme()) && LOOPBACK_HOSTS.contains(host) && uri.getPort() > 0 && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
