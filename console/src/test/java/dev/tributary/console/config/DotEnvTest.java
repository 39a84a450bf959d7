package dev.tributary.console.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.protocol.admin.SettingResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class DotEnvTest {

    @Test
    void variablesWithAValueAreWrittenWithTheirSourceAndSecretsMasked() {
        String env = DotEnv.of(List.of(
                new SettingResponse("PORT", "5100", "default", false, "HTTP port"),
                new SettingResponse("SMTP_PASSWORD", "hunter2", "environment", true, "Password"),
                new SettingResponse("SMTP_FROM", "Tributary <ops@example.com>", "environment", false, "Sender"),
                new SettingResponse("SENTRY_DSN", "", "unset", true, "Sentry")));

        assertThat(env).isEqualTo("""
                # default
                PORT=5100
                # environment
                SMTP_PASSWORD=****
                # environment
                SMTP_FROM="Tributary <ops@example.com>"
                """).doesNotContain("hunter2");
    }

    @Test
    void searchLooksAtNamesValuesSourcesAndMeaningsButNotAtSecrets() {
        SettingResponse secret = new SettingResponse("DEPLOYMENT_KEY", "s3cr3t", "environment", true, "Signs admin tokens");
        SettingResponse port = new SettingResponse("PORT", "5100", "default", false, "HTTP port of the API");

        assertThat(DotEnv.matches(port, "port")).isTrue();
        assertThat(DotEnv.matches(port, "5100")).isTrue();
        assertThat(DotEnv.matches(port, "DEFAULT")).isTrue();
        assertThat(DotEnv.matches(secret, "admin tokens")).isTrue();
        assertThat(DotEnv.matches(secret, "s3cr3t")).as("a secret's value is not searchable").isFalse();
    }
}
