package dev.tributary.server.cli;

import dev.tributary.server.config.Config;
import dev.tributary.server.store.MetadataDatabase;
import dev.tributary.server.store.Migrations;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Applies pending migrations to the metadata database, then exits. Use it with AUTO_MIGRATE=false"
                + " to migrate as a database owner before starting servers that run with fewer rights.")
final class MigrateCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    MigrateCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Config config = CommandSupport.configure(env, true, spec.commandLine().getErr());
        try (MetadataDatabase database = MetadataDatabase.open(config)) {
            Migrations.Outcome outcome = new Migrations(database.dataSource()).migrate();
            spec.commandLine().getOut().printf("Applied %d migration%s; the schema is at version %s.%n",
                    outcome.applied(), outcome.applied() == 1 ? "" : "s", outcome.version());
        }
        return 0;
    }
}
