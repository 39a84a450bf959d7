package dev.tributary.console;

import dev.tributary.console.config.Environment;
import dev.tributary.console.client.AdminClient;
import dev.tributary.console.client.Credentials;
import dev.tributary.protocol.admin.HealthResponse;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import javafx.application.Application;

/**
 * Starts the console. {@code --check URL} connects without a window (the key from {@code TRIBUTARY_KEY}, never an
 * argument, which other users could read), prints the server's health and exits: 0 when healthy, 1 when not.
 * {@code --check-window URL} does the same through the window, to check an installed console end to end.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--check")) {
            System.exit(check(args, System.out, System.err));
        }
        if (args.length == 2 && args[0].equals(ConsoleApp.CHECK_WINDOW)) {
            Application.launch(ConsoleApp.class, ConsoleApp.CHECK_WINDOW, "--server=" + args[1]);
            return;
        }
        if (args.length > 0) {
            System.out.println("Usage: tributary-console [--check URL | --check-window URL]  (the checks read the key from TRIBUTARY_KEY)");
            System.exit(args[0].equals("--help") || args[0].equals("-h") ? 0 : 2);
        }
        Application.launch(ConsoleApp.class);
    }

    static int check(String[] args, PrintStream out, PrintStream err) {
        String key = Environment.key().orElse(null);
        if (args.length != 2 || key == null) {
            err.println("Usage: TRIBUTARY_KEY=KEY tributary-console --check URL");
            return 2;
        }
        try {
            HealthResponse health = new AdminClient(ConsoleApp.HTTP, URI.create(args[1]), Credentials.of(key, Clock.systemUTC())).health();
            out.println(args[1] + ": " + health.status() + ", Tributary " + health.version() + ", deployment " + health.deployment());
            health.parts().forEach(part -> out.println("  " + part.name() + ": " + part.status() + " (" + part.detail() + ")"));
            return health.status().equals("ok") ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("Could not check " + args[1] + ": " + e.getMessage());
            return 1;
        }
    }
}
