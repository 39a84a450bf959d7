package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A role of an organization: the system roles {@code admin} and {@code user}, or a custom one. Members hold a role by name. */
@Entity
@Table(name = "roles")
public class MemberRole {

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

    protected MemberRole() {}

    public MemberRole(UUID organizationId, String name, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.name = name;
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

    public void rename(String name) {
        this.name = name;
    }
}
