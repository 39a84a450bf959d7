package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A workspace ("organization" in the API): the tenant that owns users, connections and syncs. */
@Entity
@Table(name = "organizations")
public class Organization {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "sso_domain")
    private String ssoDomain;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Organization() {}

    public Organization(String name, String ssoDomain, Instant now) {
        this.id = UUID.randomUUID();
        this.name = Objects.requireNonNull(name, "name");
        this.ssoDomain = ssoDomain;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String ssoDomain() {
        return ssoDomain;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void rename(String name, Instant now) {
        this.name = Objects.requireNonNull(name, "name");
        this.updatedAt = now;
    }

    public void changeSsoDomain(String ssoDomain, Instant now) {
        this.ssoDomain = ssoDomain;
        this.updatedAt = now;
    }
}
