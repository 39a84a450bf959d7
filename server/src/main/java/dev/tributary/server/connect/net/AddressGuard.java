package dev.tributary.server.connect.net;

import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Refuses hosts that resolve to link-local addresses, where cloud providers serve instance metadata and credentials, so
 * that a connection's URL cannot be used to read them from inside the deployment.
 */
public final class AddressGuard {

    /** The IPv6 address of the EC2 instance metadata service, fd00:ec2::254. */
    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

    private AddressGuard() {}

    /** Why connecting to {@code host}, given by {@code setting}, is refused; empty when it may be used. */
    public static Optional<String> refusal(String setting, String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            // An unknown host cannot reach anything; the connection attempt reports it in its own words.
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (forbidden(address)) {
                return Optional.of(setting + " points to " + host + ", which resolves to the link-local address " + address.getHostAddress()
                        + " where cloud instance metadata is served; connections there are refused. Use the service's public or private host name"
                        + " (an operator can allow such addresses for connections with CONNECTIONS_ALLOW_LINK_LOCAL).");
            }
        }
        return Optional.empty();
    }

    /** Throws a {@link ConnectorException} with the {@link #refusal} when there is one, unless the operator allows such hosts. */
    public static void check(ConnectorConfig config, String setting, String host) {
        if (!config.linkLocalAllowed()) {
            check(setting, host);
        }
    }

    /** Throws a {@link ConnectorException} with the {@link #refusal} when there is one. */
    public static void check(String setting, String host) {
        refusal(setting, host).ifPresent(message -> {
            throw new ConnectorException(message);
        });
    }

    static boolean forbidden(InetAddress address) {
        return address.isLinkLocalAddress() || Arrays.equals(address.getAddress(), AWS_METADATA_V6);
    }
}
