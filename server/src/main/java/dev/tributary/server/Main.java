package dev.tributary.server;

import dev.tributary.server.cli.TributaryCommand;

/** Entry point of the jar and of the container's {@code tributary} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(TributaryCommand.execute(args));
    }
}
