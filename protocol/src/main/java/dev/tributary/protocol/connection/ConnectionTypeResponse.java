package dev.tributary.protocol.connection;

import java.util.List;
import java.util.Map;

/**
 * A kind of connection. {@code configuration} is the JSON Schema of its settings (secret ones marked
 * {@code "sensitive": true}); lists leave it out.
 */
public record ConnectionTypeResponse(String id, String name, List<String> capabilities, Map<String, Object> configuration) {}
