package dev.tributary.server.workspace;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.admin.WorkspaceProvisionRequest;
import dev.tributary.protocol.admin.WorkspaceResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Optional;

/** {@code /api/admin/workspaces}: the console's workspace bootstrap, the same logic as {@code tributary workspaces provision}. */
public final class AdminWorkspacesApi {

    private final WorkspaceProvisioner provisioner;
    private final AuditLog audit;

    public AdminWorkspacesApi(WorkspaceProvisioner provisioner, AuditLog audit) {
        this.provisioner = provisioner;
        this.audit = audit;
    }

    public void list(HttpServerExchange exchange) {
        Caller caller = Callers.of(exchange);
        List<WorkspaceResponse> workspaces = provisioner.list().stream()
                .filter(workspace -> caller.organizationId().map(workspace.id()::equals).orElse(true))
                .map(workspace -> response(workspace, null))
                .toList();
        HttpResponses.json(exchange, 200, new ListResponse<>(workspaces, null));
    }

    public void provision(HttpServerExchange exchange) {
        WorkspaceProvisionRequest request = HttpRequests.json(exchange, WorkspaceProvisionRequest.class);
        WorkspaceProvisioner.Provisioned result = provisioner.provision(request.name(), Optional.ofNullable(request.domain()),
                request.users() == null ? List.of() : request.users());
        if (!result.changedNothing()) {
            audit.record(Callers.of(exchange), Optional.of(result.workspace().id()), result.created() ? "workspace.provision" : "workspace.update",
                    "organization", result.workspace().id(), Outcome.SUCCESS);
        }
        HttpResponses.json(exchange, result.created() ? 201 : 200, new DataResponse<>(response(result.workspace(), result)));
    }

    private static WorkspaceResponse response(WorkspaceSummary workspace, WorkspaceProvisioner.Provisioned result) {
        return new WorkspaceResponse(workspace.id(), workspace.name(), workspace.ssoDomain().orElse(null), workspace.users(),
                workspace.createdAt(), result == null ? null : result.created(), result == null ? null : result.domainChanged(),
                result == null ? null : result.addedUsers());
    }
}
