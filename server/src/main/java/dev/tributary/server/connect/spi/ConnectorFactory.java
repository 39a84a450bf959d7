package dev.tributary.server.connect.spi;

import java.util.Set;

/**
 * A kind of connector (PostgreSQL, MySQL, ...), found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.tributary.server.connect.spi.ConnectorFactory}.
 */
public interface ConnectorFactory {

    /** Stable identifier stored with connections, such as {@code postgresql}. */
    String id();

    String displayName();

    Set<Capability> capabilities();

    /** The settings, declared once; sensitive ones are encrypted at rest and never shown. */
    ConfigSpec configSpec();

    /** A connector for settings {@link ConfigSpec#bind bound} by this factory's spec. Opens no connection yet. */
    Connector create(ConnectorConfig config);
}
