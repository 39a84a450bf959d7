package dev.tributary.server.auth;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.identity.PolicyAction;
import dev.tributary.protocol.identity.PolicyRequest;
import dev.tributary.protocol.identity.PolicyResponse;
import dev.tributary.protocol.identity.RoleRequest;
import dev.tributary.protocol.identity.RoleResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.MemberRole;
import dev.tributary.server.store.Policy;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** {@code /api/permissions/roles} and {@code /api/permissions/policies}: members read them, admins change them. */
public final class PermissionsApi {

    private final Permissions permissions;
    private final AuditLog audit;

    public PermissionsApi(Permissions permissions, AuditLog audit) {
        this.permissions = permissions;
        this.audit = audit;
    }

    public void listRoles(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new ListResponse<>(permissions.roles(org).stream().map(PermissionsApi::response).toList(), null));
    }

    public void getRole(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(permissions.role(org, HttpRequests.id(exchange, "role")))));
    }

    public void createRole(HttpServerExchange exchange) {
        RoleRequest request = HttpRequests.json(exchange, RoleRequest.class);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        MemberRole role = permissions.createRole(org, request.name());
        audit.record(Callers.of(exchange), Optional.of(org), "role.create", "role", role.id(), Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(role)));
    }

    public void updateRole(HttpServerExchange exchange) {
        UUID id = HttpRequests.id(exchange, "role");
        RoleRequest request = HttpRequests.json(exchange, RoleRequest.class);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        MemberRole role = permissions.renameRole(org, id, request.name());
        audit.record(Callers.of(exchange), Optional.of(org), "role.update", "role", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(role)));
    }

    public void deleteRole(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "role");
        permissions.deleteRole(org, id);
        audit.record(Callers.of(exchange), Optional.of(org), "role.delete", "role", id, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    public void listPolicies(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new ListResponse<>(permissions.policies(org).stream().map(PermissionsApi::response).toList(), null));
    }

    public void getPolicy(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        HttpResponses.json(exchange, 200, new DataResponse<>(response(permissions.policy(org, HttpRequests.id(exchange, "policy")))));
    }

    public void createPolicy(HttpServerExchange exchange) {
        PolicyRequest request = HttpRequests.json(exchange, PolicyRequest.class);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        Policy policy = permissions.createPolicy(org, request.name(), actions(request));
        audit.record(Callers.of(exchange), Optional.of(org), "policy.create", "policy", policy.id(), Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(policy)));
    }

    public void updatePolicy(HttpServerExchange exchange) {
        UUID id = HttpRequests.id(exchange, "policy");
        PolicyRequest request = HttpRequests.json(exchange, PolicyRequest.class);
        UUID org = Callers.organization(exchange, Optional.ofNullable(request.organizationId()));
        Policy policy = permissions.updatePolicy(org, id, request.name(), actions(request));
        audit.record(Callers.of(exchange), Optional.of(org), "policy.update", "policy", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(policy)));
    }

    public void deletePolicy(HttpServerExchange exchange) {
        UUID org = Callers.organization(exchange, Optional.empty());
        UUID id = HttpRequests.id(exchange, "policy");
        permissions.deletePolicy(org, id);
        audit.record(Callers.of(exchange), Optional.of(org), "policy.delete", "policy", id, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private static Map<String, List<UUID>> actions(PolicyRequest request) {
        Map<String, List<UUID>> actions = new LinkedHashMap<>();
        for (PolicyAction action : request.policyActions() == null ? List.<PolicyAction>of() : request.policyActions()) {
            actions.computeIfAbsent(action.action() == null ? "" : action.action(), key -> new ArrayList<>())
                    .addAll(action.roleIds() == null ? List.of() : action.roleIds());
        }
        return actions;
    }

    private static RoleResponse response(MemberRole role) {
        return new RoleResponse(role.id(), role.name(), role.organizationId(), role.system());
    }

    private static PolicyResponse response(Policy policy) {
        Map<String, List<UUID>> byAction = new TreeMap<>();
        policy.grants().forEach(grant -> byAction.computeIfAbsent(grant.action(), key -> new ArrayList<>()).add(grant.roleId()));
        byAction.values().forEach(roles -> roles.sort(Comparator.naturalOrder()));
        return new PolicyResponse(policy.id(), policy.name(), policy.organizationId(), policy.system(),
                byAction.entrySet().stream().map(entry -> new PolicyAction(entry.getKey(), entry.getValue())).toList());
    }
}
