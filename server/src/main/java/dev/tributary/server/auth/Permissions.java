package dev.tributary.server.auth;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.store.MemberRole;
import dev.tributary.server.store.Policy;
import dev.tributary.server.store.Policy.Grant;
import dev.tributary.server.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Roles and policies, and the one question every handler of a connection, model or sync asks: may this caller take
 * this action on this object? Admins may do everything. Anyone else may when a policy that applies to the object grants
 * the action to their role; an object with no policy of its own is governed by its organization's {@code Default} policy.
 */
public final class Permissions {

    private static final int MAX_NAME_LENGTH = 100;

    private final Store store;
    private final Clock clock;

    public Permissions(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    // --- the check ---

    public boolean allowed(Caller caller, Action action, UUID organizationId, Collection<UUID> objectPolicies) {
        if (caller.admin()) {
            return true;
        }
        Caller.UserCaller user = (Caller.UserCaller) caller;
        return store.inTransaction(session -> session.createSelectionQuery("""
                        select count(p) from Policy p join p.grants g, MemberRole r
                        where p.organizationId = :org and r.organizationId = :org and lower(r.name) = lower(:role)
                          and g.roleId = r.id and g.action = :action
                          and (p.id in (:policies) or (:none = true and p.system = true))""", Long.class)
                .setParameter("org", organizationId)
                .setParameter("role", user.role())
                .setParameter("action", action.id())
                .setParameterList("policies", objectPolicies.isEmpty() ? List.of(new UUID(0, 0)) : objectPolicies)
                .setParameter("none", objectPolicies.isEmpty())
                .getSingleResult() > 0);
    }

    /** Refuses with 403 unless {@link #allowed}; {@code what} names the object for the message ("this connection"). */
    public void require(Caller caller, Action action, UUID organizationId, Collection<UUID> objectPolicies, String what) {
        if (!allowed(caller, action, organizationId, objectPolicies)) {
            String role = caller instanceof Caller.UserCaller user ? user.role() : "admin";
            throw new TributaryException(ErrorCode.FORBIDDEN, "Your role '" + role + "' may not " + action.id().replace('_', ' ')
                    + " " + what + ". An admin can grant it with a policy (/api/permissions/policies).");
        }
    }

    // --- roles ---

    public List<MemberRole> roles(UUID organizationId) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from MemberRole r where r.organizationId = :org order by r.system desc, lower(r.name)", MemberRole.class)
                .setParameter("org", organizationId)
                .getResultList());
    }

    public MemberRole role(UUID organizationId, UUID roleId) {
        return store.inTransaction(session -> requireRole(session, organizationId, roleId));
    }

    public MemberRole createRole(UUID organizationId, String name) {
        String valid = validName(name);
        return store.inTransaction(session -> {
            requireUniqueRoleName(session, organizationId, valid, null);
            MemberRole role = new MemberRole(organizationId, valid, clock.instant());
            session.persist(role);
            return role;
        });
    }

    /** Renames a custom role; its members keep it under the new name. */
    public MemberRole renameRole(UUID organizationId, UUID roleId, String name) {
        return store.inTransaction(session -> {
            MemberRole role = requireCustomRole(session, organizationId, roleId);
            String valid = validName(name);
            requireUniqueRoleName(session, organizationId, valid, roleId);
            session.createMutationQuery("update User u set u.role = :new where u.organization.id = :org and u.role = :old")
                    .setParameter("new", valid).setParameter("org", organizationId).setParameter("old", role.name())
                    .executeUpdate();
            role.rename(valid);
            return role;
        });
    }

    public void deleteRole(UUID organizationId, UUID roleId) {
        store.inTransaction(session -> {
            MemberRole role = requireCustomRole(session, organizationId, roleId);
            long members = session.createSelectionQuery("select count(u) from User u where u.organization.id = :org and u.role = :role", Long.class)
                    .setParameter("org", organizationId).setParameter("role", role.name()).getSingleResult();
            if (members > 0) {
                throw new TributaryException(ErrorCode.CONFLICT, members + " member(s) have the role '" + role.name()
                        + "'; give them another role before deleting it.");
            }
            session.remove(role);
            return null;
        });
    }

    // --- policies ---

    public List<Policy> policies(UUID organizationId) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from Policy p where p.organizationId = :org order by p.system desc, lower(p.name)", Policy.class)
                .setParameter("org", organizationId)
                .getResultList());
    }

    public Policy policy(UUID organizationId, UUID policyId) {
        return store.inTransaction(session -> requirePolicy(session, organizationId, policyId));
    }

    public Policy createPolicy(UUID organizationId, String name, Map<String, List<UUID>> actions) {
        String valid = validName(name);
        return store.inTransaction(session -> {
            requireUniquePolicyName(session, organizationId, valid, null);
            Policy policy = new Policy(organizationId, valid, grants(session, organizationId, actions), clock.instant());
            session.persist(policy);
            return policy;
        });
    }

    /** Replaces a policy's name and grants. The system policy keeps its name; only its grants change. */
    public Policy updatePolicy(UUID organizationId, UUID policyId, String name, Map<String, List<UUID>> actions) {
        return store.inTransaction(session -> {
            Policy policy = requirePolicy(session, organizationId, policyId);
            String valid = validName(name);
            if (policy.system() && !policy.name().equals(valid)) {
                throw TributaryException.invalid(List.of(new FieldError("name", "the system policy '" + policy.name() + "' keeps its name.")));
            }
            requireUniquePolicyName(session, organizationId, valid, policyId);
            policy.change(valid, grants(session, organizationId, actions));
            return policy;
        });
    }

    public void deletePolicy(UUID organizationId, UUID policyId) {
        store.inTransaction(session -> {
            Policy policy = requirePolicy(session, organizationId, policyId);
            if (policy.system()) {
                throw new TributaryException(ErrorCode.CONFLICT, "The system policy '" + policy.name() + "' cannot be deleted; change its actions instead.");
            }
            session.remove(policy);
            return null;
        });
    }

    private static Set<Grant> grants(Session session, UUID organizationId, Map<String, List<UUID>> actions) {
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> known = new HashSet<>(session.createSelectionQuery("select r.id from MemberRole r where r.organizationId = :org", UUID.class)
                .setParameter("org", organizationId).getResultList());
        Set<Grant> grants = new HashSet<>();
        int index = 0;
        for (Map.Entry<String, List<UUID>> entry : actions.entrySet()) {
            String field = "policy_actions[" + index++ + "]";
            if (Action.parse(entry.getKey()).isEmpty()) {
                errors.add(new FieldError(field + ".action", "'" + entry.getKey()
                        + "' is not an action; use create, edit, delete, query, export, trigger, sync_to or apply_policy."));
                continue;
            }
            for (UUID roleId : entry.getValue()) {
                if (roleId == null || !known.contains(roleId)) {
                    errors.add(new FieldError(field + ".role_ids", "'" + roleId + "' is not a role of this organization."));
                } else {
                    grants.add(new Grant(entry.getKey(), roleId));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
        return grants;
    }

    private static MemberRole requireRole(Session session, UUID organizationId, UUID roleId) {
        MemberRole role = session.find(MemberRole.class, roleId);
        if (role == null || !role.organizationId().equals(organizationId)) {
            throw new TributaryException(ErrorCode.NOT_FOUND, "No role " + roleId + ".");
        }
        return role;
    }

    private static MemberRole requireCustomRole(Session session, UUID organizationId, UUID roleId) {
        MemberRole role = requireRole(session, organizationId, roleId);
        if (role.system()) {
            throw new TributaryException(ErrorCode.CONFLICT, "The system role '" + role.name() + "' cannot be renamed or deleted.");
        }
        return role;
    }

    private static Policy requirePolicy(Session session, UUID organizationId, UUID policyId) {
        Policy policy = session.find(Policy.class, policyId);
        if (policy == null || !policy.organizationId().equals(organizationId)) {
            throw new TributaryException(ErrorCode.NOT_FOUND, "No policy " + policyId + ".");
        }
        return policy;
    }

    private static void requireUniqueRoleName(Session session, UUID organizationId, String name, UUID except) {
        requireUnique(session, "MemberRole", organizationId, name, except, "role");
    }

    private static void requireUniquePolicyName(Session session, UUID organizationId, String name, UUID except) {
        requireUnique(session, "Policy", organizationId, name, except, "policy");
    }

    private static void requireUnique(Session session, String entity, UUID organizationId, String name, UUID except, String kind) {
        boolean taken = session.createSelectionQuery("select count(e) from " + entity
                        + " e where e.organizationId = :org and lower(e.name) = lower(:name) and e.id <> :except", Long.class)
                .setParameter("org", organizationId).setParameter("name", name)
                .setParameter("except", except == null ? new UUID(0, 0) : except)
                .getSingleResult() > 0;
        if (taken) {
            throw TributaryException.invalid(List.of(new FieldError("name", "another " + kind + " is already named '" + name + "'.")));
        }
    }

    private static String validName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw TributaryException.invalid(List.of(new FieldError("name", "is required: 1 to " + MAX_NAME_LENGTH + " characters.")));
        }
        return trimmed;
    }
}
