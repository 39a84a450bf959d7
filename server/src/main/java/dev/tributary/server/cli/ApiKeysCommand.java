package dev.tributary.server.cli;

import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.auth.ApiKeyService;
import dev.tributary.server.config.Config;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.store.User;
import dev.tributary.server.workspace.Directory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "api-keys", mixinStandardHelpOptions = true, description = "Creates API keys.",
        subcommands = ApiKeysCommand.Create.class)
final class ApiKeysCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {
                    "Creates an API key for a user and prints it on standard output, once: it cannot be shown again.",
                    "Example: KEY=$(tributary api-keys create --user ada@example.com --name deploy-script)"})
    static final class Create implements Callable<Integer> {

        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        @Option(names = "--user", required = true, paramLabel = "EMAIL", description = "Email of the key's owner.")
        String email;

        @Option(names = "--name", required = true, description = "What the key is for.")
        String name;

        @Option(names = "--org", paramLabel = "NAME", description = "Workspace of the user, when they belong to several.")
        String organization;

        Create(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = CommandSupport.configure(env, true, spec.commandLine().getErr());
            return CommandSupport.withStore(config, store -> {
                List<User> memberships = new Directory(store, Clock.systemUTC()).usersWithEmail(email).stream()
                        .filter(user -> organization == null || user.organization().name().equalsIgnoreCase(organization.trim()))
                        .toList();
                if (memberships.isEmpty()) {
                    throw new TributaryException(ErrorCode.INVALID_REQUEST, "No user " + email
                            + (organization == null ? "" : " in '" + organization + "'") + "; add them with `tributary users add` first.");
                }
                if (memberships.size() > 1) {
                    throw new TributaryException(ErrorCode.INVALID_REQUEST, email + " belongs to several workspaces; name one with --org.");
                }
                User user = memberships.getFirst();
                ApiKeyService.Created created = new ApiKeyService(store, Clock.systemUTC()).create(user.id(), name);
                new AuditLog(store, Clock.systemUTC()).record("cli", Optional.of(user.organization().id()), "api_key.create", "api_key",
                        created.key().id(), Outcome.SUCCESS, null);
                spec.commandLine().getErr().printf("Created API key '%s' for %s in '%s'. It is shown only once:%n",
                        created.key().name(), user.email(), user.organization().name());
                spec.commandLine().getOut().println(created.clearKey());
                return 0;
            });
        }
    }
}
