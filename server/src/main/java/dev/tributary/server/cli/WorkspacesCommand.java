package dev.tributary.server.cli;

import dev.tributary.server.config.Config;
import dev.tributary.server.workspace.WorkspaceProvisioner;
import dev.tributary.server.workspace.WorkspaceProvisioner.Provisioned;
import dev.tributary.server.workspace.WorkspaceSummary;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "workspaces", mixinStandardHelpOptions = true, description = "Creates and lists workspaces.",
        subcommands = {WorkspacesCommand.Provision.class, WorkspacesCommand.ListWorkspaces.class})
final class WorkspacesCommand {

    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = {
                    "Creates a workspace and its admin users. Running it again with the same name changes only what",
                    "differs (new users are added, a new domain replaces the old) and says so; it never duplicates."})
    static final class Provision implements Callable<Integer> {

        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "Name of the workspace.")
        String name;

        @Option(names = "--domain", description = "Email domain whose users may sign in with SSO (example.com).")
        String domain;

        @Option(names = "--users", required = true, split = ",", paramLabel = "EMAIL",
                description = "Comma-separated emails of the workspace's admins.")
        List<String> users;

        Provision(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = CommandSupport.configure(env, true, spec.commandLine().getErr());
            Provisioned result = CommandSupport.withStore(config, store ->
                    new WorkspaceProvisioner(store, Clock.systemUTC()).provision(name, Optional.ofNullable(domain), users));
            PrintWriter out = spec.commandLine().getOut();
            WorkspaceSummary workspace = result.workspace();
            if (result.changedNothing()) {
                out.printf("Workspace '%s' (%s) already exists with these admins; nothing changed.%n", workspace.name(), workspace.id());
                return 0;
            }
            out.printf(result.created() ? "Created workspace '%s' (%s).%n" : "Updated workspace '%s' (%s).%n", workspace.name(), workspace.id());
            if (result.domainChanged()) {
                out.printf("SSO domain set to %s.%n", workspace.ssoDomain().orElse("-"));
            }
            result.addedUsers().forEach(email -> out.printf("Added admin %s.%n", email));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the workspaces with their domain and number of users.")
    static final class ListWorkspaces implements Callable<Integer> {

        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        ListWorkspaces(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = CommandSupport.configure(env, true, spec.commandLine().getErr());
            List<WorkspaceSummary> workspaces = CommandSupport.withStore(config, store ->
                    new WorkspaceProvisioner(store, Clock.systemUTC()).list());
            PrintWriter out = spec.commandLine().getOut();
            if (workspaces.isEmpty()) {
                out.println("No workspaces yet. Create one with `tributary workspaces provision --name NAME --users EMAIL`.");
                return 0;
            }
            out.printf("%-36s  %-30s  %-20s  %s%n", "ID", "NAME", "DOMAIN", "USERS");
            workspaces.forEach(workspace -> out.printf("%-36s  %-30s  %-20s  %d%n",
                    workspace.id(), workspace.name(), workspace.ssoDomain().orElse("-"), workspace.users()));
            return 0;
        }
    }
}
