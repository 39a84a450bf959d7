package dev.tributary.server.testing;

import dev.tributary.server.license.License;
import dev.tributary.server.license.LicenseIssuer;
import dev.tributary.server.license.LicenseKeys;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A license signing key made for the tests, trusted by servers through LICENSE_PUBLIC_KEY, and licenses signed with it. */
public final class TestingLicense {

    private static final KeyPair KEYS = LicenseKeys.generate();

    private TestingLicense() {}

    public static String publicKey() {
        return LicenseKeys.pem((ECPublicKey) KEYS.getPublic());
    }

    public static ECPrivateKey privateKey() {
        return (ECPrivateKey) KEYS.getPrivate();
    }

    /** A license for {@code deployment} that expires at {@code expiresAt}. */
    public static String issue(String deployment, Instant expiresAt) {
        return LicenseIssuer.issue(new License(deployment, "Test Customer", Instant.now(), expiresAt, Map.of("syncs", "50")), privateKey());
    }

    /** DEPLOYMENT, a valid DEPLOYMENT_KEY for it (a year long) and the LICENSE_PUBLIC_KEY that trusts it: what a production server needs. */
    public static Map<String, String> env(String deployment) {
        return Map.of("DEPLOYMENT", deployment, "DEPLOYMENT_KEY", issue(deployment, Instant.now().plus(Duration.ofDays(365))),
                "LICENSE_PUBLIC_KEY", publicKey());
    }
}
