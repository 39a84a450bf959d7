package dev.tributary.server.cli;

import dev.tributary.server.Tributary;
import dev.tributary.server.config.Config;
import dev.tributary.server.telemetry.Telemetry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "telemetry", mixinStandardHelpOptions = true, description = "Shows the usage report sent to TELEMETRY_URL.",
        subcommands = TelemetryCommand.Show.class)
final class TelemetryCommand {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {
                    "Prints the usage report exactly as it would be sent to TELEMETRY_URL now (JSON): counts and the version only.",
                    "Sends nothing; works whether TELEMETRY_URL is set or not."})
    static final class Show implements Callable<Integer> {

        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        Show(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = CommandSupport.configure(env, true, spec.commandLine().getErr());
            String report = CommandSupport.withStore(config,
                    store -> new Telemetry(store, config.deployment(), Tributary.version(), Clock.systemUTC()).json());
            spec.commandLine().getOut().println(report);
            config.telemetryUrl().ifPresentOrElse(url -> spec.commandLine().getErr().println("Sent daily to " + url + "."),
                    () -> spec.commandLine().getErr().println("TELEMETRY_URL is not set: nothing is sent."));
            return 0;
        }
    }
}
