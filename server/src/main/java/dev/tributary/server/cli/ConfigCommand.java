package dev.tributary.server.cli;

import dev.tributary.server.config.Config;
import dev.tributary.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspects the configuration.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {
                    "Validates the environment and prints the effective configuration, secrets masked.",
                    "Exits 0 when valid, 2 with every problem listed when not. Connects to nothing."})
    static final class Check implements Callable<Integer> {

        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        Check(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = ConfigLoader.load(env);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Configuration is valid (%s mode).%n%n", config.mode().name().toLowerCase(Locale.ROOT));
            int width = config.effective().stream().mapToInt(setting -> setting.variable().name().length()).max().orElse(0);
            for (Config.Setting setting : config.effective()) {
                out.printf("%-" + width + "s  %s%s%n", setting.variable().name(),
                        setting.source() == Config.Source.UNSET ? "-" : setting.value(),
                        switch (setting.source()) {
                            case ENVIRONMENT, UNSET -> "";
                            case DEFAULT -> "  (default)";
                            case DEPRECATED_ALIAS -> "  (from deprecated CACHE_URL)";
                        });
            }
            config.warnings().forEach(warning -> out.println("warning: " + warning));
            return 0;
        }
    }
}
