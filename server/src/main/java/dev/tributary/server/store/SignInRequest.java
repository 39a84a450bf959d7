package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A sign-in that was sent to the identity provider and has not come back yet. Used once, then deleted. */
@Entity
@Table(name = "sign_in_requests")
public class SignInRequest {

    @Id
    @Column(name = "state_hash")
    private String stateHash;

    @Column(nullable = false)
    private String nonce;

    @Column(name = "code_verifier", nullable = false)
    private String codeVerifier;

    @Column(name = "organization_id")
    private UUID organizationId;

    @Column(name = "return_to")
    private String returnTo;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected SignInRequest() {}

    public SignInRequest(String stateHash, String nonce, String codeVerifier, Optional<UUID> organizationId, String returnTo, Instant now,
            Instant expiresAt) {
        this.stateHash = stateHash;
        this.returnTo = returnTo;
        this.organizationId = organizationId.orElse(null);
        this.nonce = nonce;
        this.codeVerifier = codeVerifier;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public String nonce() {
        return nonce;
    }

    public String codeVerifier() {
        return codeVerifier;
    }

    /** The organization whose own provider this sign-in went to; empty for the deployment's provider. */
    public Optional<UUID> organizationId() {
        return Optional.ofNullable(organizationId);
    }

    /** The path of this server to go to once signed in. */
    public String returnTo() {
        return returnTo == null ? "/" : returnTo;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
