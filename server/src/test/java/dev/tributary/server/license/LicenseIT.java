package dev.tributary.server.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.cli.TributaryCommand;
import dev.tributary.server.testing.TestingLicense;
import dev.tributary.server.testing.TestingServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A production server checks its license at startup: a bad one stops it, a good one runs, an expiring one is warned about. */
class LicenseIT {

    /** The production variables other than the license, as an operator sets them. */
    private static Map<String, String> production(Map<String, String> license) {
        Map<String, String> env = new HashMap<>(license);
        env.putAll(Map.of("ENV", "production", "SECRETS_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "POLYTOMIC_URL", "https://tributary.acme.com", "GOOGLE_CLIENT_ID", "client-id", "GOOGLE_CLIENT_SECRET", "client-secret",
                "ROOT_USER", "admin@localhost"));
        return env;
    }

    @Test
    void aProductionServerWithTheLicenseOfAnotherDeploymentRefusesToStartNamingTheVariable() {
        Map<String, String> env = production(TestingLicense.env("globex"));
        env.putAll(Map.of("DEPLOYMENT", "acme", "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"));
        StringWriter err = new StringWriter();

        int exit = TributaryCommand.execute(env, new PrintWriter(new StringWriter()), new PrintWriter(err, true), "serve");

        assertThat(exit).isEqualTo(TributaryCommand.INVALID);
        assertThat(err.toString()).contains("DEPLOYMENT_KEY is the license of deployment 'globex', not of DEPLOYMENT 'acme'")
                .doesNotContain(env.get("DEPLOYMENT_KEY"));
    }

    @Test
    void aProductionServerWithAValidLicenseStartsAndItsHealthShowsTheLicense() {
        try (TestingServer server = new TestingServer(production(TestingLicense.env("acme")))) {
            JsonNode health = TestingServer.json(server.call("GET", "/api/admin/health", TestingServer.DEPLOYMENT_API_KEY, null)).at("/data");

            assertThat(health.get("development").asBoolean()).isFalse();
            assertThat(health.at("/license/customer").asText()).isEqualTo("Test Customer");
            assertThat(health.at("/license/days_left").asLong()).isBetween(364L, 365L);
            assertThat(health.at("/license/limits/syncs").asText()).isEqualTo("50");
            assertThat(health.at("/license/warning").isMissingNode()).as("no warning").isTrue();
            assertThat(part(health, "license").get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void aLicenseExpiringInAWeekIsWarnedAboutInTheHealthAndTheServerStaysHealthy() {
        Map<String, String> license = new HashMap<>(TestingLicense.env("acme"));
        license.put("DEPLOYMENT_KEY", TestingLicense.issue("acme", Instant.now().plus(Duration.ofDays(7)).plus(Duration.ofHours(1))));
        try (TestingServer server = new TestingServer(production(license))) {
            JsonNode health = TestingServer.json(server.call("GET", "/api/admin/health", TestingServer.DEPLOYMENT_API_KEY, null)).at("/data");

            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.at("/license/days_left").asLong()).isEqualTo(7);
            assertThat(health.at("/license/warning").asText()).contains("expires on", "(in 7 days)");
            assertThat(part(health, "license").get("status").asText()).isEqualTo("degraded");
            JsonNode me = TestingServer.json(server.call("GET", "/api/me", TestingServer.DEPLOYMENT_API_KEY, null)).at("/data");
            assertThat(me.get("license_warning").asText()).isEqualTo(health.at("/license/warning").asText());
        }
    }

    @Test
    void theVendorsCommandsMakeAKeyPairAndIssueALicenseThatTheServerAccepts() throws Exception {
        Path directory = Files.createTempDirectory("license-keys");
        Path privateKey = directory.resolve("vendor.pem");
        StringWriter publicKey = new StringWriter();
        StringWriter license = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            assertThat(TributaryCommand.execute(Map.of(), new PrintWriter(publicKey, true), new PrintWriter(err, true),
                    "license", "keygen", "--private-key", privateKey.toString())).as(err.toString()).isZero();
            assertThat(Files.getPosixFilePermissions(privateKey)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);
            assertThat(TributaryCommand.execute(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                    "license", "keygen", "--private-key", privateKey.toString())).isEqualTo(TributaryCommand.INVALID);
            assertThat(TributaryCommand.execute(Map.of(), new PrintWriter(license, true), new PrintWriter(err, true), "license", "issue",
                    "--private-key", privateKey.toString(), "--deployment", "acme", "--customer", "Acme Inc.", "--expires", "2099-12-31",
                    "--limit", "syncs=50", "--limit", "rows=1000000")).as(err.toString()).isZero();

            License issued = new LicenseVerifier(List.of(LicenseKeys.publicKey(publicKey.toString())))
                    .verify(license.toString(), "acme", Instant.now());

            assertThat(issued.customer()).isEqualTo("Acme Inc.");
            assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2099-12-31T00:00:00Z"));
            assertThat(issued.limits()).containsExactlyInAnyOrderEntriesOf(Map.of("syncs", "50", "rows", "1000000"));
        } finally {
            Files.deleteIfExists(privateKey);
            Files.delete(directory);
        }
    }

    private static JsonNode part(JsonNode health, String name) {
        for (JsonNode part : health.get("parts")) {
            if (part.get("name").asText().equals(name)) {
                return part;
            }
        }
        throw new AssertionError("no part " + name + " in " + health);
    }
}
