package dev.tributary.server.workspace;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.store.Organization;
import dev.tributary.server.store.Store;
import dev.tributary.server.store.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;

/**
 * Creates a workspace and its admins, idempotently: provisioning the same name again changes only what differs
 * (a new domain, users not yet there) and says what it did. Shared by the CLI and the admin API.
 */
public final class WorkspaceProvisioner {


    private final Store store;
    private final Clock clock;

    public WorkspaceProvisioner(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Provisioned provision(String name, Optional<String> domain, List<String> adminEmails) {
        Request request = validate(name, domain, adminEmails);
        return store.inTransaction(session -> {
            Optional<Organization> existing = findByName(session, request.name());
            Organization organization = existing.orElseGet(() -> {
                Organization created = new Organization(request.name(), request.domain().orElse(null), clock.instant());
                session.persist(created);
                return created;
            });
            boolean domainChanged = existing.isPresent() && request.domain().isPresent()
                    && !request.domain().get().equals(organization.ssoDomain());
            if (domainChanged) {
                organization.changeSsoDomain(request.domain().get(), clock.instant());
            }
            List<String> present = session.createSelectionQuery(
                            "select lower(u.email) from User u where u.organization = :organization", String.class)
                    .setParameter("organization", organization)
                    .getResultList();
            List<String> added = new ArrayList<>();
            for (String email : request.adminEmails()) {
                if (!present.contains(email)) {
                    session.persist(new User(organization, email, User.ROLE_ADMIN, clock.instant()));
                    added.add(email);
                }
            }
            return new Provisioned(WorkspaceSummary.of(organization, present.size() + added.size()),
                    existing.isEmpty(), domainChanged, added);
        });
    }

    public List<WorkspaceSummary> list() {
        return store.inTransaction(session -> session.createSelectionQuery(
                        "select o, (select count(u) from User u where u.organization = o) from Organization o order by lower(o.name)",
                        Object[].class)
                .getResultList()
                .stream()
                .map(row -> WorkspaceSummary.of((Organization) row[0], ((Number) row[1]).intValue()))
                .toList());
    }

    private static Optional<Organization> findByName(Session session, String name) {
        return session.createSelectionQuery("from Organization o where lower(o.name) = lower(:name)", Organization.class)
                .setParameter("name", name)
                .uniqueResultOptional();
    }

    private static Request validate(String name, Optional<String> domain, List<String> adminEmails) {
        Optional<String> normalizedDomain = Validation.normalizedDomain(domain);
        Set<String> emails = new LinkedHashSet<>();
        List<Optional<FieldError>> checks = new ArrayList<>(List.of(Validation.name("name", name), Validation.domain("domain", normalizedDomain)));
        for (String email : adminEmails) {
            if (!Validation.trimmed(email).isEmpty()) {
                checks.add(Validation.email("users", email));
                emails.add(Validation.normalizedEmail(email));
            }
        }
        if (emails.isEmpty()) {
            checks.add(Optional.of(new FieldError("users", "name at least one admin by email, such as ada@example.com.")));
        }
        Validation.require(checks);
        return new Request(Validation.trimmed(name), normalizedDomain, List.copyOf(emails));
    }

    private record Request(String name, Optional<String> domain, List<String> adminEmails) {}

    /** What provisioning did: whether it created the workspace, changed its domain, and which admins it added. */
    public record Provisioned(WorkspaceSummary workspace, boolean created, boolean domainChanged, List<String> addedUsers) {

        public boolean changedNothing() {
            return !created && !domainChanged && addedUsers.isEmpty();
        }
    }
}
