package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
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

    @Column(name = "record_logging", nullable = false)
    private boolean recordLogging = true;

    @Column(name = "oidc_issuer")
    private String oidcIssuer;

    @Column(name = "oidc_client_id")
    private String oidcClientId;

    /** Encrypted (see SecretsCipher); never the clear secret. */
    @Column(name = "oidc_client_secret")
    private String oidcClientSecret;

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

    /** The organization's own sign-in provider: issuer, client id and the encrypted client secret, if it has one. */
    public Optional<SignInProvider> signInProvider() {
        return oidcIssuer == null ? Optional.empty() : Optional.of(new SignInProvider(oidcIssuer, oidcClientId, oidcClientSecret));
    }

    public record SignInProvider(String issuer, String clientId, String encryptedClientSecret) {}

    public void changeSignInProvider(Optional<SignInProvider> provider, Instant now) {
        this.oidcIssuer = provider.map(SignInProvider::issuer).orElse(null);
        this.oidcClientId = provider.map(SignInProvider::clientId).orElse(null);
        this.oidcClientSecret = provider.map(SignInProvider::encryptedClientSecret).orElse(null);
        this.updatedAt = now;
    }

    public void rename(String name, Instant now) {
        this.name = Objects.requireNonNull(name, "name");
        this.updatedAt = now;
    }

    /** Whether the workspace's model syncs keep record logs. */
    public boolean recordLogging() {
        return recordLogging;
    }

    public void changeRecordLogging(boolean recordLogging, Instant now) {
        this.recordLogging = recordLogging;
        this.updatedAt = now;
    }

    public void changeSsoDomain(String ssoDomain, Instant now) {
        this.ssoDomain = ssoDomain;
        this.updatedAt = now;
    }
}
