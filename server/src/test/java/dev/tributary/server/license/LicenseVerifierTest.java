package dev.tributary.server.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.testing.TestingLicense;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LicenseVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-11-23T00:00:00Z");

    private final LicenseVerifier verifier = new LicenseVerifier(List.of(LicenseKeys.shipped(),
            LicenseKeys.publicKey(TestingLicense.publicKey())));

    private static String issue(String deployment, Instant expiresAt, ECPrivateKey key) {
        return LicenseIssuer.issue(new License(deployment, "Acme Inc.", NOW.minus(Duration.ofDays(1)), expiresAt,
                Map.of("syncs", "50")), key);
    }

    @Test
    void aLicenseSignedByATrustedKeyForThisDeploymentGivesItsCustomerExpiryAndLimits() {
        License license = verifier.verify(issue("acme", EXPIRES, TestingLicense.privateKey()), "acme", NOW);

        assertThat(license.deployment()).isEqualTo("acme");
        assertThat(license.customer()).isEqualTo("Acme Inc.");
        assertThat(license.expiresAt()).isEqualTo(EXPIRES);
        assertThat(license.limits()).containsExactly(Map.entry("syncs", "50"));
        assertThat(license.warning(NOW)).isEmpty();
    }

    @Test
    void textThatIsNotATokenIsMalformed() {
        assertThatThrownBy(() -> verifier.verify("a-long-random-string", "acme", NOW))
                .hasMessage("is not a license (a signed token issued by your vendor); paste it whole, without quotes");
    }

    @Test
    void aLicenseOfAnotherDeploymentIsRefusedNamingBoth() {
        assertThatThrownBy(() -> verifier.verify(issue("globex", EXPIRES, TestingLicense.privateKey()), "acme", NOW))
                .hasMessageContaining("is the license of deployment 'globex', not of DEPLOYMENT 'acme'");
    }

    @Test
    void aLicenseSignedByAKeyNobodyTrustsIsRefused() {
        KeyPair other = LicenseKeys.generate();

        assertThatThrownBy(() -> verifier.verify(issue("acme", EXPIRES, (ECPrivateKey) other.getPrivate()), "acme", NOW))
                .hasMessageContaining("signature matches no trusted key");
    }

    @Test
    void anAlteredLicenseIsRefused() {
        String[] parts = issue("acme", EXPIRES, TestingLicense.privateKey()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"acme\"", "\"acmf\"");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];

        assertThatThrownBy(() -> verifier.verify(altered, "acmf", NOW)).hasMessageContaining("signature matches no trusted key");
    }

    @Test
    void anExpiredLicenseIsRefusedWithItsDate() {
        assertThatThrownBy(() -> verifier.verify(issue("acme", NOW.minus(Duration.ofHours(1)), TestingLicense.privateKey()), "acme", NOW))
                .hasMessage("is a license that expired on 2026-11-23; ask your vendor for a renewed license");
    }

    @Test
    void aLicenseExpiringWithinFourteenDaysIsValidAndWarnedAbout() {
        License license = verifier.verify(issue("acme", NOW.plus(Duration.ofDays(10)), TestingLicense.privateKey()), "acme", NOW);

        assertThat(license.warning(NOW)).hasValue("The license of Acme Inc. expires on 2026-12-03 (in 10 days); ask your vendor"
                + " for a new DEPLOYMENT_KEY before then.");
        assertThat(license.warning(NOW.minus(Duration.ofDays(5)))).isEmpty();
        assertThat(license.warning(NOW.plus(Duration.ofDays(11)))).get().asString().contains("expired on 2026-12-03", "syncs keep running");
    }
}
