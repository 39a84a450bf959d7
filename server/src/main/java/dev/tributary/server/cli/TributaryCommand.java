package dev.tributary.server.cli;

import dev.tributary.server.config.ConfigException;
import dev.tributary.server.error.TributaryException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tributary} command: runs the server by default, and the operator's tasks as subcommands. */
@Command(name = "tributary",
        description = "Tributary: self-hosted data sync. Without a command, runs the server (same as `serve`).",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ServeCommand.class, MigrateCommand.class, ConfigCommand.class, WorkspacesCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Success.",
                "1:The command failed (the message says why).",
                "2:Invalid configuration or command-line usage."})
public final class TributaryCommand implements Callable<Integer> {

    public static final int FAILED = 1;
    public static final int INVALID = 2;

    @Override
    public Integer call() {
        return new ServeCommand().call();
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new TributaryCommand());
        commandLine.setExecutionExceptionHandler((failure, cmd, parseResult) -> {
            // Operators get the message, not a stack trace; the messages say what to do next.
            if (failure instanceof ConfigException invalid) {
                cmd.getErr().println(invalid.getMessage());
                return INVALID;
            }
            if (failure instanceof TributaryException known) {
                cmd.getErr().println("error: " + known.getMessage());
                return known.code() == dev.tributary.server.error.ErrorCode.INVALID_REQUEST ? INVALID : FAILED;
            }
            cmd.getErr().println("error: " + failure);
            return FAILED;
        });
        return commandLine.execute(args);
    }
}
