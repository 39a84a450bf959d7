package dev.tributary.server.connect.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Settings that passed their {@link ConfigSpec}'s validation, typed, defaults filled in. Secret values never print. */
public final class ConnectorConfig {

    private final ConfigSpec spec;
    private final Map<String, Object> values;
    private final boolean linkLocalAllowed;

    ConnectorConfig(ConfigSpec spec, Map<String, Object> values) {
        this(spec, values, false);
    }

    private ConnectorConfig(ConfigSpec spec, Map<String, Object> values, boolean linkLocalAllowed) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.values = Map.copyOf(values);
        this.linkLocalAllowed = linkLocalAllowed;
    }

    /**
     * Whether the operator lets connections reach link-local addresses, where cloud instance metadata is served. Off
     * unless the server turns it on: a connector refuses such hosts.
     */
    public boolean linkLocalAllowed() {
        return linkLocalAllowed;
    }

    /** The same settings, with link-local addresses allowed or refused as the operator chose. */
    public ConnectorConfig allowingLinkLocal(boolean allowed) {
        return new ConnectorConfig(spec, values, allowed);
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable((String) value(name));
    }

    public String requireString(String name) {
        return string(name).orElseThrow(() -> new IllegalStateException(name + " has no value"));
    }

    public long integer(String name) {
        return (Long) Objects.requireNonNull(value(name), name);
    }

    public boolean bool(String name) {
        return (Boolean) Objects.requireNonNull(value(name), name);
    }

    private Object value(String name) {
        if (spec.fields().stream().noneMatch(field -> field.name().equals(name))) {
            throw new IllegalArgumentException(name + " is not a declared setting");
        }
        return values.get(name);
    }

    @Override
    public String toString() {
        return spec.fields().stream().filter(field -> values.containsKey(field.name()))
                .map(field -> field.name() + "=" + (field.sensitive() ? "****" : values.get(field.name())))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
