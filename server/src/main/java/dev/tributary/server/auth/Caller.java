package dev.tributary.server.auth;

import java.util.Optional;
import java.util.UUID;

/** Who made a request, once their credentials were checked. */
public sealed interface Caller {

    /** The organization the caller acts in; empty only for the deployment-wide key. */
    Optional<UUID> organizationId();

    boolean admin();

    /** How the caller is named in the audit log. */
    String auditName();

    /** How a user proved who they are. */
    enum Credential { SESSION, API_KEY, ADMIN_TOKEN }

    /** A signed-in user, a user's API key or admin token; {@code role} is the name of their role. */
    record UserCaller(UUID userId, UUID organization, String email, String role, Credential credential) implements Caller {

        @Override
        public Optional<UUID> organizationId() {
            return Optional.of(organization);
        }

        @Override
        public boolean admin() {
            return Role.ADMIN.id().equals(role);
        }

        @Override
        public String auditName() {
            return email;
        }
    }

    /** DEPLOYMENT_API_KEY: deployment-wide, or scoped to one organization (HTTP Basic with the organization id as user). */
    record DeploymentCaller(Optional<UUID> organizationId) implements Caller {

        @Override
        public boolean admin() {
            return true;
        }

        @Override
        public String auditName() {
            return "deployment key";
        }
    }
}
