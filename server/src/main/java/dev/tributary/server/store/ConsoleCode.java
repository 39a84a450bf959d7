package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A one-time code handing a browser sign-in to the desktop console, bound to its PKCE challenge and loopback address. */
@Entity
@Table(name = "console_codes")
public class ConsoleCode {

    @Id
    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "code_challenge", nullable = false)
    private String codeChallenge;

    @Column(name = "redirect_uri", nullable = false)
    private String redirectUri;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected ConsoleCode() {}

    public ConsoleCode(String codeHash, UUID userId, String codeChallenge, String redirectUri, Instant expiresAt) {
        this.codeHash = codeHash;
        this.userId = userId;
        this.codeChallenge = codeChallenge;
        this.redirectUri = redirectUri;
        this.expiresAt = expiresAt;
    }

    public UUID userId() {
        return userId;
    }

    public String codeChallenge() {
        return codeChallenge;
    }

    public String redirectUri() {
        return redirectUri;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
