package dev.tributary.server;

import dev.tributary.server.cli.TributaryCommand;
import dev.tributary.server.config.ConfigLoader;

/** Entry point of the jar and of the container's {@code tributary} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(TributaryCommand.execute(ConfigLoader.processEnvironment(), args));
    }
}
