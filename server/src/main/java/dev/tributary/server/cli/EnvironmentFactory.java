package dev.tributary.server.cli;

import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates commands, handing the environment variables to those that take them, so tests can run any command in-process. */
final class EnvironmentFactory implements IFactory {

    private final Map<String, String> env;

    EnvironmentFactory(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            Constructor<K> constructor = type.getDeclaredConstructor(Map.class);
            constructor.setAccessible(true);
            return constructor.newInstance(env);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
