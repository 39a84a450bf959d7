package dev.tributary.server.auth;

import dev.tributary.server.auth.Caller.Credential;
import dev.tributary.server.auth.Caller.DeploymentCaller;
import dev.tributary.server.auth.Caller.UserCaller;
import dev.tributary.server.config.Secret;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.Access;
import dev.tributary.server.http.Gate;
import dev.tributary.server.http.Route;
import dev.tributary.server.store.User;
import dev.tributary.server.workspace.Directory;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Identifies every request's caller (API key, deployment key or session cookie), answers CORS for the allowed origins,
 * refuses guessing with a rate limit, and in front of each route enforces its {@link Access} and, for cookie callers
 * changing state, the CSRF token.
 */
public final class AuthGate implements Gate {

    public static final String SESSION_COOKIE = "tributary_session";
    public static final String CSRF_COOKIE = "tributary_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, " + CSRF_HEADER;
    /** Set on a request that presented METRICS_TOKEN. */
    private static final AttachmentKey<Boolean> SCRAPER = AttachmentKey.create(Boolean.class);

    private final SessionService sessions;
    private final ApiKeyService apiKeys;
    private final Optional<Secret> deploymentApiKey;
    private final Optional<Secret> metricsToken;
    private final List<String> allowedOrigins;
    private final FailureLimiter failures;
    private final AdminTokens adminTokens;
    private final Directory directory;
    private final String operator;

    /** @param operator ROOT_USER: the one person, besides the deployment key, who may use the admin console */
    public AuthGate(SessionService sessions, ApiKeyService apiKeys, AdminTokens adminTokens, Directory directory, String operator,
            Optional<Secret> deploymentApiKey, Optional<Secret> metricsToken, List<String> allowedOrigins, FailureLimiter failures) {
        this.operator = operator;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.adminTokens = adminTokens;
        this.directory = directory;
        this.deploymentApiKey = deploymentApiKey;
        this.metricsToken = metricsToken;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.failures = failures;
    }

    @Override
    public HttpHandler identify(HttpHandler router) {
        return exchange -> {
            if (answerCors(exchange)) {
                return;
            }
            identifyCaller(exchange);
            router.handleRequest(exchange);
        };
    }

    @Override
    public HttpHandler guard(Route route) {
        HttpHandler handler = route.handler();
        if (route.access() == Access.PUBLIC) {
            return handler;
        }
        if (route.access() == Access.METRICS) {
            return exchange -> {
                if (exchange.getAttachment(SCRAPER) == null) {
                    throw new TributaryException(ErrorCode.UNAUTHENTICATED, "Send METRICS_TOKEN as 'Authorization: Bearer METRICS_TOKEN'.");
                }
                handler.handleRequest(exchange);
            };
        }
        return exchange -> {
            Caller caller = Callers.of(exchange);
            String csrf = exchange.getAttachment(Callers.SESSION_CSRF);
            if (csrf != null && route.changesState()) {
                String presented = exchange.getRequestHeaders().getFirst(CSRF_HEADER);
                if (presented == null || !Tokens.same(presented, csrf)) {
                    throw new TributaryException(ErrorCode.FORBIDDEN,
                            "Missing or wrong CSRF token: send the value of the " + CSRF_COOKIE + " cookie in the " + CSRF_HEADER + " header.");
                }
            }
            switch (route.access()) {
                case PUBLIC, SIGNED_IN, METRICS -> { }
                case ADMIN -> Callers.requireAdmin(caller);
                case CONSOLE -> {
                    // The console sees the whole deployment (its configuration, every workspace's log lines): operators only.
                    boolean console = caller instanceof DeploymentCaller
                            || caller instanceof UserCaller user && user.credential() == Credential.ADMIN_TOKEN && user.admin()
                                    && user.email().equalsIgnoreCase(operator);
                    if (!console) {
                        throw new TributaryException(ErrorCode.FORBIDDEN, "The admin API is for the deployment's operator: an admin token"
                                + " of ROOT_USER (POST /api/admin/tokens), or the deployment key.");
                    }
                }
                case DEPLOYMENT -> {
                    if (!(caller instanceof DeploymentCaller deployment) || deployment.organizationId().isPresent()) {
                        throw new TributaryException(ErrorCode.FORBIDDEN, "Only the deployment-wide DEPLOYMENT_API_KEY may do this.");
                    }
                }
            }
            handler.handleRequest(exchange);
        };
    }

    private void identifyCaller(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization != null) {
            String address = clientAddress(exchange);
            if (failures.blocked(address)) {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, failures.retryAfterSeconds(address));
                throw new TributaryException(ErrorCode.TOO_MANY_REQUESTS,
                        "Too many failed attempts from this address; wait " + failures.retryAfterSeconds(address) + " seconds.");
            }
            // The metrics scraper is no caller: its token opens /metrics and nothing else.
            if (metricsToken.isPresent() && Tokens.same(authorization.trim(), "Bearer " + metricsToken.get().reveal())) {
                exchange.putAttachment(SCRAPER, Boolean.TRUE);
                return;
            }
            Optional<Caller> caller = fromAuthorization(authorization.trim());
            if (caller.isEmpty()) {
                failures.failed(address);
                throw new TributaryException(ErrorCode.UNAUTHENTICATED,
                        "The credentials in the Authorization header are not valid (revoked, mistyped, or not for this deployment).");
            }
            exchange.putAttachment(Callers.CALLER, caller.get());
            return;
        }
        Cookie cookie = exchange.getRequestCookie(SESSION_COOKIE);
        if (cookie != null) {
            sessions.find(cookie.getValue()).ifPresent(session -> {
                exchange.putAttachment(Callers.CALLER, userCaller(session.user(), Credential.SESSION));
                exchange.putAttachment(Callers.SESSION_CSRF, session.csrfToken());
            });
        }
    }

    private Optional<Caller> fromAuthorization(String authorization) {
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            if (deploymentApiKey.isPresent() && Tokens.same(credentials, deploymentApiKey.get().reveal())) {
                return Optional.of(new DeploymentCaller(Optional.empty()));
            }
            if (credentials.startsWith(ApiKeyService.KEY_PREFIX)) {
                return apiKeys.authenticate(credentials).map(key -> userCaller(key.user(), Credential.API_KEY));
            }
            return adminTokens.verify(credentials).flatMap(this::adminTokenCaller);
        }
        if (scheme.equalsIgnoreCase("Basic") && deploymentApiKey.isPresent()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0 || !Tokens.same(decoded.substring(colon + 1), deploymentApiKey.get().reveal())) {
                return Optional.empty();
            }
            try {
                return Optional.of(new DeploymentCaller(Optional.of(UUID.fromString(decoded.substring(0, colon)))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** An admin token still counts only while its user exists and is an admin: removal or demotion ends it at once. */
    private Optional<Caller> adminTokenCaller(AdminTokens.Holder holder) {
        if (holder.userId().isEmpty()) {
            return Optional.of(new DeploymentCaller(holder.organizationId()));
        }
        return directory.findUser(holder.userId().get())
                .map(user -> userCaller(user, Credential.ADMIN_TOKEN))
                .filter(Caller::admin);
    }

    private static Caller userCaller(User user, Credential credential) {
        return new UserCaller(user.id(), user.organization().id(), user.email(), user.role(), credential);
    }

    /** Adds CORS headers for allowed origins; answers preflight requests itself. Returns true when the request is answered. */
    private boolean answerCors(HttpServerExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null || !allowedOrigins.contains(origin)) {
            return false;
        }
        exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Origin"), origin);
        exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Credentials"), "true");
        exchange.getResponseHeaders().add(Headers.VARY, "Origin");
        boolean preflight = exchange.getRequestMethod().equals(Methods.OPTIONS)
                && exchange.getRequestHeaders().contains("Access-Control-Request-Method");
        if (!preflight) {
            return false;
        }
        exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Methods"), "GET, POST, PUT, PATCH, DELETE");
        exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Headers"), ALLOWED_HEADERS);
        exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Max-Age"), "600");
        exchange.setStatusCode(204);
        exchange.endExchange();
        return true;
    }

    static String clientAddress(HttpServerExchange exchange) {
        return exchange.getSourceAddress() == null ? "unknown" : exchange.getSourceAddress().getAddress().getHostAddress();
    }
}
