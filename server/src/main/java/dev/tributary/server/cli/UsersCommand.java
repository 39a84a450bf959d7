package dev.tributary.server.cli;

import dev.tributary.server.audit.AuditLog;
import dev.tributary.server.audit.AuditLog.Outcome;
import dev.tributary.server.config.Config;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.store.Organization;
import dev.tributary.server.store.User;
import dev.tributary.server.workspace.Directory;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "users", mixinStandardHelpOptions = true, description = "Manages the members of workspaces.",
        subcommands = UsersCommand.Add.class)
final class UsersCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a user to a workspace. Adding someone who is already a member with that role changes nothing and says so.")
    static final class Add implements Callable<Integer> {

        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        @Option(names = "--org", required = true, paramLabel = "NAME", description = "Name of the workspace.")
        String organization;

        @Option(names = "--email", required = true, description = "Email the user signs in with.")
        String email;

        @Option(names = "--role", defaultValue = "user", description = "admin or user (default: ${DEFAULT-VALUE}).")
        String role;

        Add(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = CommandSupport.configure(env, true, spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            return CommandSupport.withStore(config, store -> {
                Directory directory = new Directory(store, Clock.systemUTC());
                Organization workspace = directory.organizationNamed(organization).orElseThrow(() -> new TributaryException(
                        ErrorCode.INVALID_REQUEST, "No workspace named '" + organization + "'; `tributary workspaces list` shows them."));
                Optional<User> existing = directory.usersWithEmail(email).stream()
                        .filter(user -> user.organization().id().equals(workspace.id())).findFirst();
                User user;
                if (existing.isEmpty()) {
                    user = directory.addUser(workspace.id(), email, role);
                    out.printf("Added %s to '%s' as %s.%n", user.email(), workspace.name(), user.role());
                } else if (existing.get().role().equalsIgnoreCase(role.trim())) {
                    out.printf("%s is already a member of '%s' as %s; nothing changed.%n", existing.get().email(), workspace.name(), existing.get().role());
                    return 0;
                } else {
                    user = directory.changeRole(workspace.id(), existing.get().id(), role);
                    out.printf("Changed the role of %s in '%s' to %s.%n", user.email(), workspace.name(), user.role());
                }
                new AuditLog(store, Clock.systemUTC()).record("cli", Optional.of(workspace.id()),
                        existing.isEmpty() ? "user.create" : "user.update", "user", user.id(), Outcome.SUCCESS, null);
                return 0;
            });
        }
    }
}
