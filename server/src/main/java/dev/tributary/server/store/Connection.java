package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A connection to a source or destination system. {@code configuration} holds the settings that are not secret, as
 * JSON; {@code credentials} holds each secret setting encrypted on its own, as a JSON map of field to ciphertext.
 */
@Entity
@Table(name = "connections")
public class Connection {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String configuration;

    @Column(nullable = false)
    private String credentials;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "uuid[]")
    private UUID[] policies;

    @Column(nullable = false)
    private String status;

    @Column(name = "status_error")
    private String statusError;

    private String catalog;

    @Column(name = "catalog_at")
    private Instant catalogAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Connection() {}

    public Connection(UUID id, UUID organizationId, String type, Instant now) {
        this.id = id;
        this.organizationId = organizationId;
        this.type = type;
        this.policies = new UUID[0];
        this.createdAt = now;
        this.updatedAt = now;
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

    public String type() {
        return type;
    }

    public String configuration() {
        return configuration;
    }

    public String credentials() {
        return credentials;
    }

    public List<UUID> policies() {
        return List.of(policies);
    }

    public String status() {
        return status;
    }

    public Optional<String> statusError() {
        return Optional.ofNullable(statusError);
    }

    public Optional<String> catalog() {
        return Optional.ofNullable(catalog);
    }

    public Optional<Instant> catalogAt() {
        return Optional.ofNullable(catalogAt);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Replaces the settings; the catalog discovered with the old ones is dropped. */
    public void configure(String name, String configuration, String credentials, List<UUID> policies, Instant now) {
        this.name = name;
        this.configuration = configuration;
        this.credentials = credentials;
        this.policies = policies.toArray(UUID[]::new);
        this.catalog = null;
        this.catalogAt = null;
        this.updatedAt = now;
    }

    public void status(String status, String error) {
        this.status = status;
        this.statusError = error;
    }

    public void catalog(String catalog, Instant now) {
        this.catalog = catalog;
        this.catalogAt = now;
    }
}
