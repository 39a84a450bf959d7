package dev.tributary.server.cli;

import dev.tributary.server.config.ConfigException;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tributary} command: runs the server by default, and the operator's tasks as subcommands. */
@Command(name = "tributary",
        description = "Tributary: self-hosted data sync. Without a command, runs the server (same as `serve`).",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ServeCommand.class, MigrateCommand.class, ConfigCommand.class, WorkspacesCommand.class, UsersCommand.class,
                ApiKeysCommand.class, LicenseCommand.class, TelemetryCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Success.",
                "1:The command failed (the message says why).",
                "2:Invalid configuration or command-line usage."})
public final class TributaryCommand implements Callable<Integer> {

    public static final int FAILED = 1;
    public static final int INVALID = 2;

    private static final Logger log = LoggerFactory.getLogger(TributaryCommand.class);

    private final Map<String, String> env;

    TributaryCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        return new ServeCommand(env).call();
    }

    /** Runs the command line against the given environment variables, printing to standard out and error. */
    public static int execute(Map<String, String> env, String... args) {
        return execute(env, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new TributaryCommand(env), new EnvironmentFactory(env));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, cmd, parseResult) -> {
            // Operators get the message, not a stack trace; the messages say what to do next.
            if (failure instanceof ConfigException invalid) {
                cmd.getErr().println(invalid.getMessage());
                return INVALID;
            }
            if (failure instanceof TributaryException known) {
                cmd.getErr().println("error: " + known.getMessage());
                return known.code() == ErrorCode.INVALID_REQUEST ? INVALID : FAILED;
            }
            log.debug("Command failed", failure);
            cmd.getErr().println("error: unexpected failure (" + failure + "); run again with LOG_LEVEL=debug for the details.");
            return FAILED;
        });
        return commandLine.execute(args);
    }
}
