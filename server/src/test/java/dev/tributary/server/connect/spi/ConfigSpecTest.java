package dev.tributary.server.connect.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSpecTest {

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string("host", "Server host.").asRequired().matching("[a-z.]+", "a host name such as db.example.com"),
            ConfigField.integer("port", "Server port.", 1, 65535).withDefault(5432L),
            ConfigField.string("password", "Password.").asSensitive(),
            ConfigField.bool("compress", "Compress traffic.").withDefault(false),
            ConfigField.oneOf("mode", "How to connect.", List.of("fast", "safe")).asRequired());

    @Test
    void jsonSchemaDescribesEveryFieldAndMarksSecretsSensitive() {
        Map<String, Object> schema = SPEC.jsonSchema();

        assertThat(schema).containsEntry("type", "object").containsEntry("required", List.of("host", "mode"))
                .containsEntry("additionalProperties", false);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
        assertThat(properties).containsOnlyKeys("host", "port", "password", "compress", "mode");
        assertThat(properties.get("password")).containsEntry("type", "string").containsEntry("sensitive", true).containsEntry("writeOnly", true);
        assertThat(properties.get("host")).doesNotContainKey("sensitive").containsEntry("pattern", "[a-z.]+");
        assertThat(properties.get("port")).containsEntry("type", "integer").containsEntry("minimum", 1L)
                .containsEntry("maximum", 65535L).containsEntry("default", 5432L);
        assertThat(properties.get("mode")).containsEntry("enum", List.of("fast", "safe"));
        assertThat(SPEC.sensitiveFields()).containsExactly("password");
    }

    @Test
    void validationReturnsOneErrorPerInvalidFieldSayingWhatIsValid() {
        List<ConfigError> errors = SPEC.validate(Map.of("host", "DB_HOST!", "port", "99999", "compress", "sometimes", "colour", "red"));

        assertThat(errors).containsExactly(
                new ConfigError("host", "is not valid; expected a host name such as db.example.com."),
                new ConfigError("port", "is not valid; expected a whole number from 1 to 65535."),
                new ConfigError("compress", "is not valid; expected true or false."),
                new ConfigError("mode", "is required; expected one of fast, safe."),
                new ConfigError("colour", "is not a setting of this connector; the settings are [host, port, password, compress, mode]."));
    }

    @Test
    void bindingFillsDefaultsAndAcceptsTextOrTypedValues() {
        ConnectorConfig config = SPEC.bind(Map.of("host", "db.example.com", "mode", "safe", "compress", "TRUE", "password", "s3cret"));

        assertThat(config.requireString("host")).isEqualTo("db.example.com");
        assertThat(config.integer("port")).isEqualTo(5432);
        assertThat(config.bool("compress")).isTrue();
        assertThat(SPEC.bind(Map.of("host", "h", "mode", "fast", "port", 15432)).integer("port")).isEqualTo(15432);
    }

    @Test
    void boundSettingsNeverPrintASecret() {
        ConnectorConfig config = SPEC.bind(Map.of("host", "db", "mode", "safe", "password", "s3cret"));

        assertThat(config.toString()).contains("host=db", "password=****").doesNotContain("s3cret");
    }

    @Test
    void bindingInvalidSettingsThrowsWithEveryError() {
        assertThatThrownBy(() -> SPEC.bind(Map.of("port", "x")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::field).containsExactly("host", "port", "mode"));
    }
}
