package dev.tributary.server.workspace;

import dev.tributary.server.store.Organization;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A workspace as listed: its identity, SSO domain and number of users. */
public record WorkspaceSummary(UUID id, String name, Optional<String> ssoDomain, int users, Instant createdAt) {

    static WorkspaceSummary of(Organization organization, int users) {
        return new WorkspaceSummary(organization.id(), organization.name(), Optional.ofNullable(organization.ssoDomain()),
                users, organization.createdAt());
    }
}
