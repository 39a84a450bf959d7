package dev.tributary.server.connect.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.connect.spi.ConfigField;
import dev.tributary.server.connect.spi.ConfigSpec;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private static final ConnectorConfig SETTINGS = ConfigSpec.of(ConfigField.string("url", "Where to connect.")).bind(Map.of("url", "http://x"));

    @Test
    void linkLocalAndCloudMetadataAddressesAreRefusedNamingTheSetting() {
        assertThat(AddressGuard.refusal("url", "169.254.169.254")).hasValueSatisfying(message -> assertThat(message)
                .startsWith("url points to 169.254.169.254, which resolves to the link-local address 169.254.169.254")
                .contains("refused"));
        assertThat(AddressGuard.refusal("endpoint", "169.254.0.1")).isPresent();
        assertThat(AddressGuard.refusal("endpoint", "fd00:ec2::254")).isPresent();
        assertThat(AddressGuard.refusal("endpoint", "fe80::1")).isPresent();
        assertThat(AddressGuard.refusal("endpoint", "::ffff:169.254.169.254")).isPresent();
        assertThatThrownBy(() -> AddressGuard.check(SETTINGS, "url", "169.254.170.2")).isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("url points to").hasMessageContaining("CONNECTIONS_ALLOW_LINK_LOCAL");
    }

    @Test
    void anOperatorCanAllowLinkLocalHostsForConnections() {
        AddressGuard.check(SETTINGS.allowingLinkLocal(true), "url", "169.254.170.2");

        assertThatThrownBy(() -> AddressGuard.check(SETTINGS.allowingLinkLocal(true).allowingLinkLocal(false), "url", "169.254.170.2"))
                .isInstanceOf(ConnectorException.class);
    }

    @Test
    void otherAddressesAndUnknownHostsPass() {
        assertThat(AddressGuard.refusal("url", "127.0.0.1")).isEmpty();
        assertThat(AddressGuard.refusal("url", "10.0.0.8")).isEmpty();
        assertThat(AddressGuard.refusal("url", "fd00:ec2::253")).isEmpty();
        assertThat(AddressGuard.refusal("url", "localhost")).isEmpty();
        assertThat(AddressGuard.refusal("url", "no-such-host.invalid")).isEmpty();
    }
}
