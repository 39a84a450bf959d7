package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Development mode's one-time sign-in link for ROOT_USER. Used once, then deleted. */
@Entity
@Table(name = "local_sign_in_tokens")
public class LocalSignInToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(nullable = false)
    private String email;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected LocalSignInToken() {}

    public LocalSignInToken(String tokenHash, String email, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.email = email;
        this.expiresAt = expiresAt;
    }

    public String email() {
        return email;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
