package dev.tributary.server.connect.spi;

import java.util.Map;

/**
 * A position in a source object: the values, as text ({@link CanonicalValues#format}), of the fields the source orders
 * its reads by (the tracking field, then the primary key). The engine stores it once the destination has committed
 * the batch it came with, and hands it back to resume after that batch. An empty position means the beginning.
 */
public record Checkpoint(Map<String, String> position) {

    public static final Checkpoint START = new Checkpoint(Map.of());

    public Checkpoint {
        position = Map.copyOf(position);
    }
}
