package dev.tributary.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tributary.server.config.Config;
import dev.tributary.server.secrets.DeploymentKeys;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived admin tokens for the desktop console: JWTs (HS256, audience {@code tributary-admin}) signed with a key
 * derived from DEPLOYMENT_KEY, or in development mode with a key generated once into DATA_DIR.
 */
public final class AdminTokens {

    public static final String AUDIENCE = "tributary-admin";
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    static final String DEPLOYMENT_SUBJECT = "deployment";

    private final byte[] key;
    private final String issuer;
    private final Clock clock;

    public AdminTokens(byte[] key, String issuer, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("an HS256 key needs at least 256 bits");
        }
        this.key = key.clone();
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The signing key of this deployment. */
    public static byte[] key(Config config) {
        return DeploymentKeys.key(config, "tributary admin tokens", "admin-token.key");
    }

    /** A token and when it stops working. */
    public record Issued(String token, Instant expiresAt) {}

    /** What a valid token says: who (a user id, or the deployment) and in which organization. */
    public record Holder(Optional<UUID> userId, Optional<UUID> organizationId) {}

    public Issued issue(Caller caller) {
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        String subject = switch (caller) {
            case Caller.UserCaller user -> user.userId().toString();
            case Caller.DeploymentCaller deployment -> DEPLOYMENT_SUBJECT;
        };
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(AUDIENCE).subject(subject).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(expires));
        caller.organizationId().ifPresent(org -> claims.claim("org", org.toString()));
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(key));
            return new Issued(jwt.serialize(), expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a valid HS256 key cannot fail", e);
        }
    }

    /** The holder of a valid token: our signature, our issuer and audience, not expired. */
    public Optional<Holder> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (!issuer.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience())
                    || expires == null || !clock.instant().isBefore(expires.toInstant())) {
                return Optional.empty();
            }
            Optional<UUID> user = DEPLOYMENT_SUBJECT.equals(claims.getSubject()) ? Optional.empty() : Optional.of(UUID.fromString(claims.getSubject()));
            Optional<UUID> org = Optional.ofNullable(claims.getStringClaim("org")).map(UUID::fromString);
            return Optional.of(new Holder(user, org));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
