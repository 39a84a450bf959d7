package dev.tributary.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tributary.server.config.Config;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
        if (config.deploymentKey().isPresent()) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(config.deploymentKey().get().reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac.doFinal("tributary admin tokens".getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
        return developmentKey(config.dataDir().resolve("admin-token.key"));
    }

    private static byte[] developmentKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(generated));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return generated;
        } catch (IOException | IllegalArgumentException e) {
            throw new TributaryException(ErrorCode.INTERNAL_ERROR, "Cannot read or create the admin token key " + file + ": " + e.getMessage(), e);
        }
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
