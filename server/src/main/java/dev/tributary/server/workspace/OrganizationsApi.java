package dev.tributary.server.workspace;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.identity.OrganizationRequest;
import dev.tributary.protocol.identity.OrganizationResponse;
import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.Caller;
import dev.tributary.server.auth.Callers;
import dev.tributary.server.config.Secret;
import dev.tributary.server.http.HttpRequests;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.store.Organization;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/organizations}: a user sees their own organization; the deployment key sees and creates them all. */
public final class OrganizationsApi {

    private final Directory directory;
    private final SignInProviders providers;
    private final AuditLog audit;

    public OrganizationsApi(Directory directory, SignInProviders providers, AuditLog audit) {
        this.directory = directory;
        this.providers = providers;
        this.audit = audit;
    }

    public void list(HttpServerExchange exchange) {
        Caller caller = Callers.of(exchange);
        HttpResponses.json(exchange, 200, new ListResponse<>(
                directory.organizations(caller.organizationId()).stream().map(OrganizationsApi::response).toList(), null));
    }

    public void create(HttpServerExchange exchange) {
        OrganizationRequest request = HttpRequests.json(exchange, OrganizationRequest.class);
        Organization organization = directory.createOrganization(request.name(), Optional.ofNullable(request.ssoDomain()),
                id -> providers.next(id, request.issuer(), request.clientId(), request.clientSecret(), Optional.empty()));
        audit.record(Callers.of(exchange), Optional.of(organization.id()), "organization.create", "organization", organization.id(), Outcome.SUCCESS);
        HttpResponses.json(exchange, 201, new DataResponse<>(response(organization)));
    }

    public void get(HttpServerExchange exchange) {
        UUID id = visible(exchange);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(directory.organization(id))));
    }

    public void update(HttpServerExchange exchange) {
        UUID id = visible(exchange);
        OrganizationRequest request = HttpRequests.json(exchange, OrganizationRequest.class);
        Organization organization = directory.updateOrganization(id, request.name(), Optional.ofNullable(request.ssoDomain()),
                Optional.ofNullable(request.recordLogging()),
                stored -> providers.next(id, request.issuer(), request.clientId(), request.clientSecret(), stored));
        audit.record(Callers.of(exchange), Optional.of(id), "organization.update", "organization", id, Outcome.SUCCESS);
        HttpResponses.json(exchange, 200, new DataResponse<>(response(organization)));
    }

    public void delete(HttpServerExchange exchange) {
        UUID id = visible(exchange);
        directory.deleteOrganization(id);
        audit.record(Callers.of(exchange), Optional.empty(), "organization.delete", "organization", id, Outcome.SUCCESS);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private static UUID visible(HttpServerExchange exchange) {
        UUID id = HttpRequests.id(exchange, "org");
        Callers.requireOrganization(Callers.of(exchange), id);
        return id;
    }

    static OrganizationResponse response(Organization organization) {
        Optional<Organization.SignInProvider> provider = organization.signInProvider();
        return new OrganizationResponse(organization.id(), organization.name(), organization.ssoDomain(),
                provider.map(Organization.SignInProvider::issuer).orElse(null), provider.map(Organization.SignInProvider::clientId).orElse(null),
                provider.map(set -> Secret.MASK).orElse(null), organization.recordLogging(), organization.createdAt());
    }
}
