package dev.tributary.server.connect;

import dev.tributary.server.connect.spi.ConnectorFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The connector factories on the class path, by id. */
public final class ConnectorRegistry {

    private final Map<String, ConnectorFactory> factories;

    private ConnectorRegistry(List<ConnectorFactory> factories) {
        this.factories = factories.stream().collect(Collectors.toUnmodifiableMap(ConnectorFactory::id, Function.identity()));
    }

    public static ConnectorRegistry load() {
        return new ConnectorRegistry(ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public Optional<ConnectorFactory> factory(String id) {
        return Optional.ofNullable(factories.get(id));
    }

    public List<ConnectorFactory> factories() {
        return factories.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }
}
