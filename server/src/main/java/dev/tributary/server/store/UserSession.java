package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A signed-in browser. Found by the hash of its cookie's token; revoked on sign-out or when the user is removed. */
@Entity
@Table(name = "sessions")
public class UserSession {

    @Id
    private UUID id;

    @Column(name = "token_hash", nullable = false, unique = true)
    private byte[] tokenHash;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private User user;

    @Column(name = "csrf_token", nullable = false)
    private String csrfToken;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected UserSession() {}

    public UserSession(byte[] tokenHash, User user, String csrfToken, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.tokenHash = tokenHash.clone();
        this.user = user;
        this.csrfToken = csrfToken;
        this.createdAt = now;
        this.lastSeenAt = now;
        this.expiresAt = expiresAt;
    }

    public UUID id() {
        return id;
    }

    public User user() {
        return user;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    public void seen(Instant now) {
        this.lastSeenAt = now;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
