package dev.tributary.server.auth;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.identity.ApiKeyRequest;
import dev.tributary.protocol.identity.ApiKeyResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Caller.UserCaller;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.ApiKey;
import dev.tributary.server.workspace.Directory;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/organizations/{org}/users/{user}/keys}: a user manages their own keys, an admin everyone's in the organization. */
public final class ApiKeysApi {

    private final ApiKeyService keys;
    private final Directory directory;
    private final AuditLog audit;

    public ApiKeysApi(ApiKeyService keys, Directory directory, AuditLog audit) {
        this.keys = keys;
        this.directory = directory;
        this.audit = audit;
    }

    public void create(HttpServerExchange exchange) {
        Owner owner = owner(exchange);
        ApiKeyRequest request = HttpRequests.json(exchange, ApiKeyRequest.class);
        ApiKeyService.Created created = keys.create(owner.user(), request.name());
        audit.record(Callers.of(exchange), Optional.of(owner.organization()), "api_key.create", "api_key", created.key().id(), Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(created.key(), created.clearKey())));
    }

    public void list(HttpServerExchange exchange) {
        Owner owner = owner(exchange);
        HttpResponses.json(exchange, 200, new ListResponse<>(keys.list(owner.user()).stream().map(key -> response(key, null)).toList(), null));
    }

    public void revoke(HttpServerExchange exchange) {
        Owner owner = owner(exchange);
        UUID keyId = HttpRequests.id(exchange, "key");
        if (!keys.revoke(owner.user(), keyId)) {
            throw new TributaryException(ErrorCode.NOT_FOUND, "No API key " + keyId + " for this user.");
        }
        audit.record(Callers.of(exchange), Optional.of(owner.organization()), "api_key.revoke", "api_key", keyId, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private record Owner(UUID organization, UUID user) {}

    private Owner owner(HttpServerExchange exchange) {
        Caller caller = Callers.of(exchange);
        UUID org = HttpRequests.id(exchange, "org");
        UUID user = HttpRequests.id(exchange, "user");
        Callers.requireOrganization(caller, org);
        directory.user(org, user);
        boolean self = caller instanceof UserCaller userCaller && userCaller.userId().equals(user);
        if (!self && !caller.admin()) {
            throw new TributaryException(ErrorCode.FORBIDDEN, "Only the key's owner or an admin may manage these keys.");
        }
        return new Owner(org, user);
    }

    private static ApiKeyResponse response(ApiKey key, String clearKey) {
        return new ApiKeyResponse(key.id(), key.name(), key.prefix(), key.createdAt(), key.lastUsedAt().orElse(null),
                key.revokedAt().orElse(null), clearKey);
    }
}
