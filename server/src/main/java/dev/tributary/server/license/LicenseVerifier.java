package dev.tributary.server.license;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a license offline: signed (ES256) by a trusted key, issued for this deployment, not expired. Each refusal is an
 * {@link IllegalArgumentException} whose message says what is wrong and what to do, without echoing the license.
 */
public final class LicenseVerifier {

    static final String DEPLOYMENT = "deployment";
    static final String CUSTOMER = "customer";
    static final String LIMITS = "limits";

    private final List<ECPublicKey> trusted;

    /** @param trusted the build's vendor key, and LICENSE_PUBLIC_KEY when set */
    public LicenseVerifier(List<ECPublicKey> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    public License verify(String text, String deployment, Instant now) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(text.strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalArgumentException("is not a license (a signed token issued by your vendor); paste it whole, without quotes");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !LicenseIssuer.TYPE.equals(jwt.getHeader().getType())) {
            throw new IllegalArgumentException("is a signed token but not a Tributary license; ask your vendor for a license");
        }
        if (trusted.stream().noneMatch(key -> verifies(jwt, key))) {
            throw new IllegalArgumentException("is a license whose signature matches no trusted key: it was altered, or signed by"
                    + " another vendor (set LICENSE_PUBLIC_KEY to that vendor's public key)");
        }
        License license = license(claims);
        if (!license.deployment().equals(deployment)) {
            throw new IllegalArgumentException("is the license of deployment '" + license.deployment() + "', not of DEPLOYMENT '"
                    + deployment + "'; set DEPLOYMENT to the licensed name, or ask your vendor for a license for '" + deployment + "'");
        }
        if (license.expired(now)) {
            throw new IllegalArgumentException("is a license that expired on " + License.day(license.expiresAt())
                    + "; ask your vendor for a renewed license");
        }
        return license;
    }

    private static boolean verifies(SignedJWT jwt, ECPublicKey key) {
        try {
            return jwt.verify(new ECDSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static License license(JWTClaimsSet claims) {
        try {
            String deployment = claims.getStringClaim(DEPLOYMENT);
            String customer = claims.getStringClaim(CUSTOMER);
            Date issuedAt = claims.getIssueTime();
            Date expiresAt = claims.getExpirationTime();
            if (!LicenseIssuer.ISSUER.equals(claims.getIssuer()) || deployment == null || customer == null || issuedAt == null
                    || expiresAt == null) {
                throw new IllegalArgumentException("is a license without its deployment, customer or dates; ask your vendor for a new one");
            }
            Map<String, String> limits = new LinkedHashMap<>();
            Map<String, Object> claimed = claims.getJSONObjectClaim(LIMITS);
            if (claimed != null) {
                claimed.forEach((name, value) -> limits.put(name, String.valueOf(value)));
            }
            return new License(deployment, customer, issuedAt.toInstant(), expiresAt.toInstant(), limits);
        } catch (ParseException e) {
            throw new IllegalArgumentException("is a license with malformed claims; ask your vendor for a new one");
        }
    }
}
