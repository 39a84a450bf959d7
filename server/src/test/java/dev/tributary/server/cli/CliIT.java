package dev.tributary.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.testing.TestingLicense;
import dev.tributary.server.testing.TestingPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI run in-process against a real PostgreSQL. */
class CliIT {

    private final TestingPostgres postgres = new TestingPostgres();

    @AfterEach
    void dropDatabase() {
        postgres.close();
    }

    @Test
    void configCheckOnAnEmptyProductionEnvironmentListsEveryMissingVariableAndExits2() {
        Result result = run(Map.of("ENV", "production"), "config", "check");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("8 problems");
        for (String name : List.of("DEPLOYMENT", "DEPLOYMENT_KEY", "SECRETS_KEY", "DATABASE_URL", "POLYTOMIC_URL", "GOOGLE_CLIENT_ID",
                "GOOGLE_CLIENT_SECRET", "ROOT_USER")) {
            assertThat(result.err()).contains(name + " is required in production");
        }
        assertThat(result.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void configCheckPrintsTheEffectiveConfigurationWithSecretsMasked() {
        Map<String, String> env = new HashMap<>(TestingLicense.env("acme"));
        env.putAll(Map.of(
                "SECRETS_KEY", "bXVzdC1ub3Qtc2hvdy1tdXN0LW5vdC1zaG93LW11c3Q=",
                "DATABASE_URL", "postgres://app:pw-that-must-not-show@db:5432/meta", "POLYTOMIC_URL", "https://t.acme.com",
                "GOOGLE_CLIENT_ID", "id", "GOOGLE_CLIENT_SECRET", "google-that-must-not-show", "ROOT_USER", "ops@acme.com",
                "CACHE_URL", "redis://:redis-that-must-not-show@cache:6379"));

        Result result = run(env, "config", "check");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("Configuration is valid (production mode).")
                .containsPattern("DATABASE_URL +postgres://app:\\*\\*\\*\\*@db:5432/meta")
                .containsPattern("DEPLOYMENT_KEY +\\*\\*\\*\\*")
                .containsPattern("SECRETS_KEY +\\*\\*\\*\\*")
                .containsPattern("REDIS_URL +redis://:\\*\\*\\*\\*@cache:6379/0  \\(from deprecated CACHE_URL\\)")
                .containsPattern("PORT +5100  \\(default\\)")
                .contains("warning: CACHE_URL is deprecated")
                .doesNotContain("must-not-show", "bXVzdC1ub3Qtc2hvdy1tdXN0LW5vdC1zaG93LW11c3Q=", env.get("DEPLOYMENT_KEY"));
    }

    @Test
    void malformedUrlsNameTheVariableAndTheExpectedForm() {
        Result result = run(Map.of("ENV", "development", "DATABASE_URL", "localhost:5432", "REDIS_URL", "redis//x"), "config", "check");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("DATABASE_URL", "expected postgres://user:password@host:port/database", "REDIS_URL",
                "expected redis://:password@host:6379/");
    }

    @Test
    void workspacesProvisionTwiceCreatesOnceAndSaysNothingChanged() {
        Result first = run(database(), "workspaces", "provision", "--name", "Acme", "--domain", "acme.com", "--users", "ada@acme.com,bob@acme.com");
        Result second = run(database(), "workspaces", "provision", "--name", "Acme", "--domain", "acme.com", "--users", "ada@acme.com,bob@acme.com");
        Result list = run(database(), "workspaces", "list");

        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("Created workspace 'Acme'", "Added admin ada@acme.com.", "Added admin bob@acme.com.");
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("already exists with these admins; nothing changed.");
        assertThat(list.out().lines().filter(line -> line.contains("Acme"))).singleElement().asString()
                .contains("acme.com").endsWith("2");
    }

    @Test
    void workspacesProvisionWithBadInputExits2AndSaysWhichField() {
        Result result = run(database(), "workspaces", "provision", "--name", "Acme", "--users", "not-an-email");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("users: 'not-an-email' is not an email address such as ada@example.com.");
    }

    @Test
    void workspacesListWithoutWorkspacesSaysHowToCreateOne() {
        Result result = run(database(), "workspaces", "list");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("No workspaces yet").contains("tributary workspaces provision");
    }

    @Test
    void anOperatorCanScriptAUserAndAnApiKeyWithoutTheUi() {
        run(database(), "workspaces", "provision", "--name", "Acme", "--users", "ada@acme.com");

        Result added = run(database(), "users", "add", "--org", "acme", "--email", "Bob@Acme.com", "--role", "admin");
        Result again = run(database(), "users", "add", "--org", "Acme", "--email", "bob@acme.com", "--role", "admin");
        Result key = run(database(), "api-keys", "create", "--user", "bob@acme.com", "--name", "deploy script");

        assertThat(added.out()).contains("Added bob@acme.com to 'Acme' as admin.");
        assertThat(again.out()).contains("already a member of 'Acme' as admin; nothing changed.");
        assertThat(key.exit()).isZero();
        assertThat(key.out().strip()).as("only the key on standard output").matches("trb_[A-Za-z0-9_-]{43}");
        assertThat(key.err()).contains("shown only once");
        dev.tributary.server.store.Store store = new dev.tributary.server.store.Store(dataSource());
        try {
            assertThat(new dev.tributary.server.auth.ApiKeyService(store, java.time.Clock.systemUTC()).authenticate(key.out().strip())
                    .map(apiKey -> apiKey.user().email())).contains("bob@acme.com");
        } finally {
            store.close();
        }
    }

    @Test
    void usersAddToAnUnknownWorkspaceSaysHowToFindOne() {
        Result result = run(database(), "users", "add", "--org", "Nowhere", "--email", "a@b.c");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("No workspace named 'Nowhere'", "tributary workspaces list");
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine root = new CommandLine(new TributaryCommand(Map.of()), new EnvironmentFactory(Map.of()));
        List<List<String>> paths = new java.util.ArrayList<>();
        collect(root, List.of(), paths);

        assertThat(paths).contains(List.of("serve"), List.of("migrate"), List.of("config", "check"),
                List.of("workspaces", "provision"), List.of("workspaces", "list"), List.of("users", "add"), List.of("api-keys", "create"));
        for (List<String> path : paths) {
            List<String> args = new java.util.ArrayList<>(path);
            args.add("--help");
            Result result = run(Map.of(), args.toArray(String[]::new));
            assertThat(result.exit()).as("%s --help", path).isZero();
            assertThat(result.out()).as("%s --help", path).contains("Usage: tributary");
        }
    }

    @Test
    void usageErrorsExit2() {
        Result result = run(Map.of(), "workspaces", "provision", "--name", "Acme");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--users=EMAIL'");
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> subPath = new java.util.ArrayList<>(path);
                subPath.add(name);
                collect(sub, subPath, paths);
            }
        });
    }

    private org.postgresql.ds.PGSimpleDataSource dataSource() {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(TestingPostgres.SUPERUSER);
        return dataSource;
    }

    private Map<String, String> database() {
        Map<String, String> env = new HashMap<>();
        env.put("ENV", "development");
        env.put("DATABASE_URL", postgres.url());
        return env;
    }

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TributaryCommand.execute(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {}
}
