package dev.tributary.server.connect;

import dev.tributary.server.connect.spi.ConnectorFactory;

/** What a contract suite needs to know of the connector under test. */
public interface ConnectorContract {
    ConnectorFactory factory();
}
