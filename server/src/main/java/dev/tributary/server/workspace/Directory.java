package dev.tributary.server.workspace;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.auth.Role;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.store.Organization;
import dev.tributary.server.store.Store;
import dev.tributary.server.store.User;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.hibernate.Session;

/** Organizations and their members: the reads and writes behind the API, the CLI and sign-in. */
public final class Directory {

    private final Store store;
    private final Clock clock;

    public Directory(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<Organization> organizations(Optional<UUID> only) {
        return store.inTransaction(session -> only
                .map(id -> Optional.ofNullable(session.find(Organization.class, id)).stream().toList())
                .orElseGet(() -> session.createSelectionQuery("from Organization o order by lower(o.name)", Organization.class).getResultList()));
    }

    public Organization organization(UUID id) {
        return store.inTransaction(session -> requireOrganization(session, id));
    }

    public Optional<Organization> organizationNamed(String name) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from Organization o where lower(o.name) = lower(:name)", Organization.class)
                .setParameter("name", name.trim())
                .uniqueResultOptional());
    }

    /** Creates an organization; its own sign-in provider, if any, is computed from its new id (which secrets are bound to). */
    public Organization createOrganization(String name, Optional<String> ssoDomain,
            Function<UUID, Optional<Organization.SignInProvider>> signInProvider) {
        String validName = validName(name);
        Optional<String> domain = validDomain(ssoDomain);
        return store.inTransaction(session -> {
            requireUniqueName(session, validName, null);
            Organization organization = new Organization(validName, domain.orElse(null), clock.instant());
            organization.changeSignInProvider(signInProvider.apply(organization.id()), clock.instant());
            session.persist(organization);
            return organization;
        });
    }

    /**
     * Replaces an organization's name, SSO domain and own sign-in provider. The provider is computed from the stored one
     * (so that a secret left unchanged keeps its ciphertext) inside the same transaction.
     */
    public Organization updateOrganization(UUID id, String name, Optional<String> ssoDomain, Optional<Boolean> recordLogging,
            UnaryOperator<Optional<Organization.SignInProvider>> signInProvider) {
        String validName = validName(name);
        Optional<String> domain = validDomain(ssoDomain);
        return store.inTransaction(session -> {
            Organization organization = requireOrganization(session, id);
            requireUniqueName(session, validName, id);
            organization.rename(validName, clock.instant());
            organization.changeSsoDomain(domain.orElse(null), clock.instant());
            organization.changeSignInProvider(signInProvider.apply(organization.signInProvider()), clock.instant());
            recordLogging.ifPresent(enabled -> organization.changeRecordLogging(enabled, clock.instant()));
            return organization;
        });
    }

    public void deleteOrganization(UUID id) {
        store.inTransaction(session -> {
            session.remove(requireOrganization(session, id));
            return null;
        });
    }

    public List<User> users(UUID organizationId) {
        return store.inTransaction(session -> {
            requireOrganization(session, organizationId);
            return session.createSelectionQuery("from User u join fetch u.organization where u.organization.id = :org order by lower(u.email)",
                            User.class)
                    .setParameter("org", organizationId)
                    .getResultList();
        });
    }

    public User user(UUID organizationId, UUID userId) {
        return store.inTransaction(session -> requireUser(session, organizationId, userId));
    }

    public User addUser(UUID organizationId, String email, String role) {
        String validEmail = validEmail(email);
        return store.inTransaction(session -> {
            Organization organization = requireOrganization(session, organizationId);
            String validRole = roleNamed(session, organizationId, role);
            boolean exists = session.createSelectionQuery(
                            "select count(u) from User u where u.organization = :org and lower(u.email) = :email", Long.class)
                    .setParameter("org", organization)
                    .setParameter("email", validEmail)
                    .getSingleResult() > 0;
            if (exists) {
                throw new TributaryException(ErrorCode.CONFLICT, validEmail + " is already a member of " + organization.name() + ".");
            }
            User user = new User(organization, validEmail, validRole, clock.instant());
            session.persist(user);
            return user;
        });
    }

    public User changeRole(UUID organizationId, UUID userId, String role) {
        return store.inTransaction(session -> {
            User user = requireUser(session, organizationId, userId);
            user.changeRole(roleNamed(session, organizationId, role));
            return user;
        });
    }

    public void removeUser(UUID organizationId, UUID userId) {
        store.inTransaction(session -> {
            session.remove(requireUser(session, organizationId, userId));
            return null;
        });
    }

    public Optional<User> findUser(UUID userId) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from User u join fetch u.organization where u.id = :id", User.class)
                .setParameter("id", userId)
                .uniqueResultOptional());
    }

    /** Every membership of an email address, oldest first. */
    public List<User> usersWithEmail(String email) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from User u join fetch u.organization where lower(u.email) = :email order by u.createdAt", User.class)
                .setParameter("email", email.trim().toLowerCase(Locale.ROOT))
                .getResultList());
    }

    /** The organization whose SSO domain is this email's domain, if any. */
    public Optional<Organization> organizationForDomainOf(String email) {
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return store.inTransaction(session -> session
                .createSelectionQuery("from Organization o where o.ssoDomain = :domain order by o.createdAt", Organization.class)
                .setParameter("domain", domain)
                .setMaxResults(1)
                .uniqueResultOptional());
    }

    private static Organization requireOrganization(Session session, UUID id) {
        Organization organization = session.find(Organization.class, id);
        if (organization == null) {
            throw new TributaryException(ErrorCode.NOT_FOUND, "No organization " + id + ".");
        }
        return organization;
    }

    private static User requireUser(Session session, UUID organizationId, UUID userId) {
        return session.createSelectionQuery("from User u join fetch u.organization where u.id = :id and u.organization.id = :org", User.class)
                .setParameter("id", userId)
                .setParameter("org", organizationId)
                .uniqueResultOptional()
                .orElseThrow(() -> new TributaryException(ErrorCode.NOT_FOUND, "No user " + userId + " in this organization."));
    }

    private static void requireUniqueName(Session session, String name, UUID except) {
        boolean taken = session.createSelectionQuery("select count(o) from Organization o where lower(o.name) = lower(:name) and o.id <> :except",
                        Long.class)
                .setParameter("name", name)
                .setParameter("except", except == null ? new UUID(0, 0) : except)
                .getSingleResult() > 0;
        if (taken) {
            throw TributaryException.invalid(List.of(new FieldError("name", "'" + name + "' is taken by another organization; choose another name.")));
        }
    }

    private static String validName(String name) {
        Validation.require(List.of(Validation.name("name", name)));
        return Validation.trimmed(name);
    }

    private static Optional<String> validDomain(Optional<String> domain) {
        Optional<String> normalized = Validation.normalizedDomain(domain);
        Validation.require(List.of(Validation.domain("sso_domain", normalized)));
        return normalized;
    }

    private static String validEmail(String email) {
        Validation.require(List.of(Validation.email("email", email)));
        return Validation.normalizedEmail(email);
    }

    /** The organization's role with this name (any case), as it is spelled; no role given means {@code user}. */
    private static String roleNamed(Session session, UUID organizationId, String role) {
        String wanted = role == null || role.isBlank() ? Role.USER.id() : role.trim();
        return session.createSelectionQuery("select r.name from MemberRole r where r.organizationId = :org and lower(r.name) = lower(:name)",
                        String.class)
                .setParameter("org", organizationId)
                .setParameter("name", wanted)
                .uniqueResultOptional()
                .orElseThrow(() -> TributaryException.invalid(List.of(new FieldError("role",
                        "must be admin, user, or one of this organization's roles (GET /api/permissions/roles)."))));
    }
}
