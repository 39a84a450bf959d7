package dev.tributary.server.store;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A policy: which roles may take which actions on the objects it is applied to. */
@Entity
@Table(name = "policies")
public class Policy {

    /** One grant: an action for a role. */
    @Embeddable
    public record Grant(@Column(name = "action", nullable = false) String action, @Column(name = "role_id", nullable = false) UUID roleId) {}

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean system;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "policy_actions", joinColumns = @JoinColumn(name = "policy_id"))
    private Set<Grant> grants = new HashSet<>();

    protected Policy() {}

    public Policy(UUID organizationId, String name, Set<Grant> grants, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.name = name;
        this.grants = new HashSet<>(grants);
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public boolean system() {
        return system;
    }

    public Set<Grant> grants() {
        return Set.copyOf(grants);
    }

    public void change(String name, Set<Grant> grants) {
        this.name = name;
        this.grants.clear();
        this.grants.addAll(grants);
    }
}
