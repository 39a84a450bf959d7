package dev.tributary.server.workspace;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.identity.UserRequest;
import dev.tributary.protocol.identity.UserResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.auth.SessionService;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.User;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/organizations/{org}/users}: members read the list, admins change it. */
public final class UsersApi {

    private final Directory directory;
    private final SessionService sessions;
    private final AuditLog audit;

    public UsersApi(Directory directory, SessionService sessions, AuditLog audit) {
        this.directory = directory;
        this.sessions = sessions;
        this.audit = audit;
    }

    public void list(HttpServerExchange exchange) {
        UUID org = organization(exchange);
        HttpResponses.json(exchange, 200, new ListResponse<>(directory.users(org).stream().map(UsersApi::response).toList(), null));
    }

    public void get(HttpServerExchange exchange) {
        UUID org = organization(exchange);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(directory.user(org, HttpRequests.id(exchange, "user")))));
    }

    public void create(HttpServerExchange exchange) {
        UUID org = organization(exchange);
        UserRequest request = HttpRequests.json(exchange, UserRequest.class);
        User user = directory.addUser(org, request.email(), request.role());
        audit.record(Callers.of(exchange), Optional.of(org), "user.create", "user", user.id(), Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(user)));
    }

    public void update(HttpServerExchange exchange) {
        UUID org = organization(exchange);
        UUID id = HttpRequests.id(exchange, "user");
        UserRequest request = HttpRequests.json(exchange, UserRequest.class);
        User user = directory.changeRole(org, id, request.role());
        // A role change takes effect now, not at the next sign-in.
        sessions.revokeAll(id);
        audit.record(Callers.of(exchange), Optional.of(org), "user.update", "user", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(user)));
    }

    public void delete(HttpServerExchange exchange) {
        UUID org = organization(exchange);
        UUID id = HttpRequests.id(exchange, "user");
        directory.removeUser(org, id);
        audit.record(Callers.of(exchange), Optional.of(org), "user.delete", "user", id, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private static UUID organization(HttpServerExchange exchange) {
        Caller caller = Callers.of(exchange);
        UUID org = HttpRequests.id(exchange, "org");
        Callers.requireOrganization(caller, org);
        return org;
    }

    static UserResponse response(User user) {
        return new UserResponse(user.id(), user.email(), user.role(), user.organization().id(), user.createdAt());
    }
}
