package dev.tributary.server.auth;

import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.LocalSignInToken;
import dev.tributary.server.store.SignInRequest;
import dev.tributary.server.store.Organization;
import dev.tributary.server.store.Store;
import dev.tributary.server.store.User;
import dev.tributary.server.workspace.Directory;
import dev.tributary.server.workspace.SignInProviders;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import jakarta.persistence.LockModeType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser's way in: {@code /auth/login} sends the person to the identity provider, {@code /auth} receives them back,
 * checks everything, and starts a session for an invited user; {@code /auth/logout} ends it. In development mode without
 * an OAuth client, {@code /auth/local} signs ROOT_USER in through a one-time link printed in the log.
 */
public final class SignIn {

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);
    private static final Duration REQUEST_LIFETIME = Duration.ofMinutes(10);
    private static final Duration LOCAL_LINK_LIFETIME = Duration.ofHours(1);

    private final Optional<OidcProvider> provider;
    private final SignInProviders organizationProviders;
    private final Map<UUID, CachedProvider> byOrganization = new ConcurrentHashMap<>();
    private final URI redirectUri;
    private final Store store;
    private final Directory directory;
    private final SessionService sessions;
    private final AuditLog audit;
    private final FailureLimiter failures;
    private final boolean secureCookies;
    private final Clock clock;

    public SignIn(Optional<OidcProvider> provider, SignInProviders organizationProviders, Store store, Directory directory,
            SessionService sessions, AuditLog audit, FailureLimiter failures, URI publicUrl, Clock clock) {
        this.provider = provider;
        this.organizationProviders = organizationProviders;
        this.redirectUri = URI.create(publicUrl + "/auth");
        this.store = store;
        this.directory = directory;
        this.sessions = sessions;
        this.audit = audit;
        this.failures = failures;
        this.secureCookies = "https".equals(publicUrl.getScheme());
        this.clock = clock;
    }

    /**
     * {@code GET /auth/login[?email=...]}: a new state, nonce and PKCE verifier, remembered server-side, then off to the
     * provider: the organization's own when the email's domain belongs to one that has its own, else the deployment's.
     */
    public void login(HttpServerExchange exchange) {
        String email = HttpRequests.parameter(exchange, "email").trim();
        Optional<Organization> organization = email.contains("@")
                ? directory.organizationForDomainOf(email).filter(found -> found.signInProvider().isPresent())
                : Optional.empty();
        Optional<OidcProvider> chosen = organization.map(this::providerOf).or(() -> provider);
        if (chosen.isEmpty()) {
            emailForm(exchange, email.isEmpty() ? "" : "No sign-in is set up for " + email + "'s domain.");
            return;
        }
        String state = Tokens.random();
        String nonce = Tokens.random();
        String verifier = Tokens.random();
        Instant now = clock.instant();
        store.inTransaction(session -> {
            session.persist(new SignInRequest(Tokens.hashHex(state), nonce, verifier, organization.map(Organization::id),
                    localPath(HttpRequests.parameter(exchange, "return_to")), now, now.plus(REQUEST_LIFETIME)));
            return null;
        });
        try {
            HttpResponses.redirect(exchange, chosen.get().authorizationUrl(state, nonce, verifier).toString());
        } catch (OidcProvider.SignInRefused unavailable) {
            log.warn("Sign-in unavailable: {}", unavailable.getMessage());
            HttpResponses.page(exchange, 503, "Sign-in unavailable", unavailable.getMessage());
        }
    }

    /** {@code GET /auth}: the provider's redirect back, with the code and our state. */
    public void callback(HttpServerExchange exchange) {
        String address = AuthGate.clientAddress(exchange);
        if (failures.blocked(address)) {
            HttpResponses.page(exchange, 429, "Too many attempts", "Too many failed sign-ins from this address. Wait a few minutes and try again.");
            return;
        }
        String error = HttpRequests.parameter(exchange, "error");
        String state = HttpRequests.parameter(exchange, "state");
        String code = HttpRequests.parameter(exchange, "code");
        if (!error.isEmpty() || state.isEmpty() || code.isEmpty()) {
            refuse(exchange, address, "", error.isEmpty() ? "The sign-in response is incomplete." : "The identity provider said: " + error + ".");
            return;
        }
        Optional<SignInRequest> request = takeRequest(state);
        if (request.isEmpty()) {
            refuse(exchange, address, "", "This sign-in has expired or was already used. Start again.");
            return;
        }
        Optional<UUID> organization = request.get().organizationId();
        Optional<OidcProvider> used = organization.map(directory::organization).filter(found -> found.signInProvider().isPresent())
                .map(this::providerOf).or(() -> organization.isEmpty() ? provider : Optional.empty());
        if (used.isEmpty()) {
            refuse(exchange, address, "", "The sign-in provider of this sign-in is no longer set up. Start again.");
            return;
        }
        OidcProvider.Identity identity;
        try {
            identity = used.get().complete(code, request.get().codeVerifier(), request.get().nonce());
        } catch (OidcProvider.SignInRefused refused) {
            refuse(exchange, address, "", refused.getMessage());
            return;
        }
        Optional<User> user = memberFor(identity.email(), organization);
        if (user.isEmpty()) {
            failures.failed(address);
            audit.record(identity.email(), Optional.empty(), "sign_in", "user", null, Outcome.DENIED, "not invited");
            HttpResponses.page(exchange, 403, "Not invited",
                    identity.email() + " has not been invited to this Tributary. Ask an admin of your organization to add you.");
            return;
        }
        if (organization.isEmpty() && user.get().organization().signInProvider().isPresent()) {
            refuse(exchange, address, identity.email(), user.get().organization().name()
                    + " signs its people in with its own provider: start again with your email at /auth/login?email=" + identity.email());
            return;
        }
        startSession(exchange, user.get(), "oidc", request.get().returnTo());
    }

    /** {@code GET /auth/local}: development mode's one-time link for ROOT_USER. */
    public void local(HttpServerExchange exchange) {
        String address = AuthGate.clientAddress(exchange);
        String token = HttpRequests.parameter(exchange, "token");
        Optional<String> email = token.isEmpty() ? Optional.empty() : takeLocalToken(token);
        Optional<User> user = email.flatMap(found -> memberFor(found, Optional.empty()));
        if (user.isEmpty()) {
            refuse(exchange, address, "", "This sign-in link has expired or was already used. Restart the server for a new one.");
            return;
        }
        startSession(exchange, user.get(), "local link", "/");
    }

    /** {@code POST /auth/logout}: revokes the session on the server and clears the cookies. */
    public void logout(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(AuthGate.SESSION_COOKIE);
        if (cookie != null) {
            sessions.revoke(cookie.getValue());
        }
        exchange.setResponseCookie(cookie(AuthGate.SESSION_COOKIE, "", true).setMaxAge(0));
        exchange.setResponseCookie(cookie(AuthGate.CSRF_COOKIE, "", false).setMaxAge(0));
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    /** Creates a one-time sign-in link for an email (development mode) and returns its path and query. */
    public String issueLocalLink(String email) {
        String token = Tokens.random();
        store.inTransaction(session -> {
            session.persist(new LocalSignInToken(Tokens.hashHex(token), email, clock.instant().plus(LOCAL_LINK_LIFETIME)));
            return null;
        });
        return "/auth/local?token=" + token;
    }

    private void startSession(HttpServerExchange exchange, User user, String method, String returnTo) {
        SessionService.Started started = sessions.start(user.id());
        int maxAge = (int) SessionService.ABSOLUTE.toSeconds();
        exchange.setResponseCookie(cookie(AuthGate.SESSION_COOKIE, started.token(), true).setMaxAge(maxAge));
        exchange.setResponseCookie(cookie(AuthGate.CSRF_COOKIE, started.csrfToken(), false).setMaxAge(maxAge));
        audit.record(user.email(), Optional.of(user.organization().id()), "sign_in", "user", user.id(), Outcome.SUCCESS, method);
        HttpResponses.redirect(exchange, returnTo);
    }

    private void refuse(HttpServerExchange exchange, String address, String actor, String reason) {
        failures.failed(address);
        log.warn("Sign-in refused from {}: {}", address, reason);
        audit.record(actor.isEmpty() ? "anonymous" : actor, Optional.empty(), "sign_in", null, null, Outcome.DENIED, reason);
        HttpResponses.page(exchange, 400, "Sign-in failed", reason);
    }

    /**
     * The member this email signs in as: an existing membership, or a new one in the organization that owns its domain.
     * An organization's own provider vouches only for that organization's people.
     */
    private Optional<User> memberFor(String email, Optional<UUID> organization) {
        Optional<User> member = directory.usersWithEmail(email).stream()
                .filter(user -> organization.map(user.organization().id()::equals).orElse(true))
                .findFirst();
        if (member.isPresent()) {
            return member;
        }
        return directory.organizationForDomainOf(email)
                .filter(owner -> organization.map(owner.id()::equals).orElse(true))
                .map(owner -> directory.addUser(owner.id(), email, Role.USER.id()));
    }

    /** Only a path of this server: anything else (another site, {@code //host}) would make sign-in an open redirect. */
    static String localPath(String returnTo) {
        return returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.startsWith("/\\") ? returnTo : "/";
    }

    /** An organization's own provider, made once per setting (discovery and keys are fetched by the provider and kept). */
    private OidcProvider providerOf(Organization organization) {
        Organization.SignInProvider settings = organization.signInProvider().orElseThrow();
        return byOrganization.compute(organization.id(), (id, cached) -> cached != null && cached.settings().equals(settings) ? cached
                : new CachedProvider(settings, new OidcProvider(URI.create(settings.issuer()), settings.clientId(),
                        organizationProviders.clientSecret(id, settings), redirectUri))).provider();
    }

    private record CachedProvider(Organization.SignInProvider settings, OidcProvider provider) {}

    /** Asks for the email first, so that people whose organization has its own provider are sent there. */
    private static void emailForm(HttpServerExchange exchange, String message) {
        HttpResponses.html(exchange, 200, "Sign in", (message.isEmpty() ? "" : "<p>" + HttpResponses.escape(message) + "</p>")
                + "<form method=\"get\" action=\"/auth/login\"><label>Work email <input type=\"email\" name=\"email\" required"
                + " autofocus></label> <button type=\"submit\">Continue</button></form>");
    }

    /** Finds and deletes the sign-in request in one transaction, so a state can never be used twice. */
    private Optional<SignInRequest> takeRequest(String state) {
        Instant now = clock.instant();
        return store.inTransaction(session -> {
            SignInRequest request = session.find(SignInRequest.class, Tokens.hashHex(state), LockModeType.PESSIMISTIC_WRITE);
            if (request == null) {
                return Optional.<SignInRequest>empty();
            }
            session.remove(request);
            return now.isBefore(request.expiresAt()) ? Optional.of(request) : Optional.<SignInRequest>empty();
        });
    }

    private Optional<String> takeLocalToken(String token) {
        Instant now = clock.instant();
        return store.inTransaction(session -> {
            LocalSignInToken found = session.find(LocalSignInToken.class, Tokens.hashHex(token), LockModeType.PESSIMISTIC_WRITE);
            if (found == null) {
                return Optional.<String>empty();
            }
            session.remove(found);
            return now.isBefore(found.expiresAt()) ? Optional.of(found.email()) : Optional.<String>empty();
        });
    }

    private Cookie cookie(String name, String value, boolean httpOnly) {
        return new CookieImpl(name, value).setPath("/").setHttpOnly(httpOnly).setSecure(secureCookies).setSameSiteMode("Lax");
    }
}
