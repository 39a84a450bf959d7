package dev.tributary.protocol.connection;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates or changes a connection. A secret setting sent back as {@code ****} keeps its stored value. {@code validate}
 * (default true) tests the connection before saving it. {@code organizationId} is needed only with the deployment-wide key.
 */
public record ConnectionRequest(String name, String type, Map<String, Object> configuration, UUID organizationId, List<UUID> policies,
        Boolean validate) {}
