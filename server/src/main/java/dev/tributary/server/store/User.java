package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A person who may sign in to one workspace, identified by email. */
@Entity
@Table(name = "users")
public class User {

    public static final String ROLE_ADMIN = "admin";

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id", nullable = false)
    private Organization organization;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected User() {}

    public User(Organization organization, String email, String role, Instant now) {
        this.id = UUID.randomUUID();
        this.organization = Objects.requireNonNull(organization, "organization");
        this.email = Objects.requireNonNull(email, "email");
        this.role = Objects.requireNonNull(role, "role");
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public Organization organization() {
        return organization;
    }

    public String email() {
        return email;
    }

    public String role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void changeRole(String role) {
        this.role = Objects.requireNonNull(role, "role");
    }
}
