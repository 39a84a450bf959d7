package dev.tributary.server.cli;

import dev.tributary.server.Tributary;
import dev.tributary.server.config.Config;
import dev.tributary.server.config.ConfigLoader;
import dev.tributary.server.ops.Logging;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import sun.misc.Signal;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
                "Runs the server: API, UI and /status.txt on PORT, and the roles named by ROLE.",
                "Without DATABASE_URL it runs in development mode on an embedded PostgreSQL under DATA_DIR.",
                "SIGTERM or Ctrl-C stops it gracefully: new requests are refused, requests in flight finish,"
                        + " and it exits 0 within 30 seconds."})
final class ServeCommand implements Callable<Integer> {

    /** Leaves room inside the 30 s that orchestrators allow between SIGTERM and SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(25);

    private final Map<String, String> env;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Config config = ConfigLoader.load(env);
        Logging.configure(config.logLevel(), config.logFormat(), config.secretValues(), config.logFile());
        Tributary server = Tributary.start(config);
        CountDownLatch stop = new CountDownLatch(1);
        // Handling the signals ourselves (instead of a shutdown hook) lets a requested stop end with status 0.
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(GRACE);
        return 0;
    }
}
