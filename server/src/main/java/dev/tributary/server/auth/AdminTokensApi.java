package dev.tributary.server.auth;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.identity.AdminTokenResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.http.HttpResponses;
import io.undertow.server.HttpServerExchange;

/** {@code POST /api/admin/tokens}: an admin (API key, session or deployment key) gets a short-lived token for the console. */
public final class AdminTokensApi {

    private final AdminTokens tokens;
    private final AuditLog audit;

    public AdminTokensApi(AdminTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    public void create(HttpServerExchange exchange) {
        Caller caller = Callers.of(exchange);
        AdminTokens.Issued issued = tokens.issue(caller);
        audit.record(caller, caller.organizationId(), "admin_token.create", "admin_token", null, Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(new AdminTokenResponse(issued.token(), issued.expiresAt())));
    }
}
