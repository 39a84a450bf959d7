package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An endpoint that receives its organization's events. {@code secret} is encrypted (SecretsCipher) and never shown. */
@Entity
@Table(name = "webhooks")
public class Webhook {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String endpoint;

    @Column(nullable = false)
    private String secret;

    @Column(nullable = false)
    private boolean paused;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Webhook() {}

    public Webhook(UUID id, UUID organizationId, Instant now) {
        this.id = id;
        this.organizationId = organizationId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The ciphertext of the signing secret. */
    public String secret() {
        return secret;
    }

    public boolean paused() {
        return paused;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void configure(String endpoint, String encryptedSecret, Instant now) {
        this.endpoint = endpoint;
        this.secret = encryptedSecret;
        this.updatedAt = now;
    }

    public void pause(boolean paused, Instant now) {
        this.paused = paused;
        this.updatedAt = now;
    }
}
