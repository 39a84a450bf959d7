package dev.tributary.server.auth;

import dev.tributary.protocol.DataResponse;
import dev.tributary.protocol.identity.MeResponse;
import dev.tributary.server.auth.Caller.DeploymentCaller;
import dev.tributary.server.auth.Caller.UserCaller;
import dev.tributary.server.http.HttpResponses;
import dev.tributary.server.workspace.Directory;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code GET /api/me}: who the caller is, and the CSRF token a browser session must send back. */
public final class MeApi {

    private final Directory directory;
    private final Supplier<Optional<String>> licenseWarning;

    /** @param licenseWarning the license's warning now, if it ends within 14 days; admins are shown it */
    public MeApi(Directory directory, Supplier<Optional<String>> licenseWarning) {
        this.directory = directory;
        this.licenseWarning = licenseWarning;
    }

    public void get(HttpServerExchange exchange) {
        Caller caller = Callers.of(exchange);
        String warning = caller.admin() ? licenseWarning.get().orElse(null) : null;
        MeResponse me = switch (caller) {
            case UserCaller user -> new MeResponse(user.userId(), user.email(), user.role(), user.organization(),
                    directory.organization(user.organization()).name(), Callers.csrfToken(exchange).orElse(null), warning);
            case DeploymentCaller deployment -> new MeResponse(null, null, Role.ADMIN.id(), deployment.organizationId().orElse(null),
                    deployment.organizationId().map(id -> directory.organization(id).name()).orElse(null), null, warning);
        };
        HttpResponses.json(exchange, 200, new DataResponse<>(me));
    }
}
