package dev.tributary.server.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.ConnectorFactory;
import org.junit.jupiter.api.Test;

class ConnectorRegistryTest {

    @Test
    void factoriesAreFoundThroughTheServiceLoader() {
        ConnectorRegistry registry = ConnectorRegistry.load();

        ConnectorFactory postgres = registry.factory("postgresql").orElseThrow();
        assertThat(postgres.displayName()).isEqualTo("PostgreSQL");
        assertThat(postgres.capabilities()).contains(Capability.SOURCE, Capability.DESTINATION, Capability.UPSERT, Capability.ATOMIC_REFRESH);
        assertThat(postgres.configSpec().sensitiveFields()).containsExactly("password");
        assertThat(registry.factory("nope")).isEmpty();
        assertThat(registry.factories()).extracting(ConnectorFactory::id).containsExactly("files", "http", "mysql", "postgresql");
        assertThat(registry.factory("mysql").orElseThrow().configSpec().sensitiveFields()).containsExactly("password");
    }
}
