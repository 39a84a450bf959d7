package dev.tributary.server.auth;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.http.HttpRequests;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import io.undertow.util.AttachmentKey;
import java.util.Optional;
import java.util.UUID;

/** The caller of the current request, as the gate identified it, and the organization checks every handler makes. */
public final class Callers {

    static final AttachmentKey<Caller> CALLER = AttachmentKey.create(Caller.class);
    static final AttachmentKey<String> SESSION_CSRF = AttachmentKey.create(String.class);

    private Callers() {}

    /** The caller; the gate guarantees one on every route that is not public. */
    public static Caller of(HttpServerExchange exchange) {
        Caller caller = exchange.getAttachment(CALLER);
        if (caller == null) {
            throw new TributaryException(ErrorCode.UNAUTHENTICATED, "Sign in, or send an API key as 'Authorization: Bearer KEY'.");
        }
        return caller;
    }

    /** The caller, if the request carried valid credentials; for public routes that behave differently when signed in. */
    public static Optional<Caller> find(HttpServerExchange exchange) {
        return Optional.ofNullable(exchange.getAttachment(CALLER));
    }

    /** The CSRF token of the request's browser session, if it came with a session cookie. */
    public static Optional<String> csrfToken(HttpServerExchange exchange) {
        return Optional.ofNullable(exchange.getAttachment(SESSION_CSRF));
    }

    /**
     * Checks that the caller may see this organization. Another organization's objects answer 404, exactly as if
     * they did not exist, so that ids cannot be probed across organizations.
     */
    public static void requireOrganization(Caller caller, UUID organizationId) {
        if (caller.organizationId().isPresent() && !caller.organizationId().get().equals(organizationId)) {
            throw new TributaryException(ErrorCode.NOT_FOUND, "No organization " + organizationId + ".");
        }
    }

    /**
     * The organization a request is about: the caller's own, or for the deployment-wide key the one named by
     * {@code organization_id} (in the body, else the query). Naming another organization than one's own is a 404.
     */
    public static UUID organization(HttpServerExchange exchange, Optional<UUID> named) {
        Caller caller = of(exchange);
        Optional<UUID> requested = named.or(() -> {
            String query = HttpRequests.parameter(exchange, "organization_id");
            try {
                return query.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(query));
            } catch (IllegalArgumentException e) {
                throw TributaryException.invalid(List.of(new FieldError("organization_id", "is not an organization id (a UUID).")));
            }
        });
        UUID organization = requested.or(caller::organizationId).orElseThrow(() -> TributaryException.invalid(List.of(new FieldError(
                "organization_id", "is required with the deployment-wide key: the id of the organization to act in."))));
        requireOrganization(caller, organization);
        return organization;
    }

    /** Admins only (the route may be open to every member, with writes reserved to admins). */
    public static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new TributaryException(ErrorCode.FORBIDDEN, "Only an admin of the organization may do this.");
        }
    }
}
