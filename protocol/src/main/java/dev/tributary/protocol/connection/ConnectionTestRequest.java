package dev.tributary.protocol.connection;

import java.util.Map;
import java.util.UUID;

/**
 * Tests settings without saving them. With {@code connectionId}, settings left out or sent as {@code ****} come from
 * that connection, so an edit can be tested before it is saved.
 */
public record ConnectionTestRequest(String type, Map<String, Object> configuration, UUID connectionId) {}
