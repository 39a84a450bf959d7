package dev.tributary.console.connect;

import dev.tributary.console.config.Environment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The Secret Service through libsecret's {@code secret-tool}; the secret travels on standard input, never in arguments. */
final class SecretToolKeyring implements Keyring {

    private static final String SERVICE = "tributary-console";
    private final Path tool;

    SecretToolKeyring(Path tool) {
        this.tool = tool;
    }

    static Optional<SecretToolKeyring> find() {
        return Environment.path().stream().map(dir -> dir.resolve("secret-tool"))
                .filter(Files::isExecutable).findFirst().map(SecretToolKeyring::new);
    }

    @Override
    public String describe() {
        return "Keys are kept in the desktop keyring (Secret Service).";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Optional<String> read(String server) {
        Result result = run(List.of(tool.toString(), "lookup", "service", SERVICE, "server", server), null);
        return result.exit() == 0 && !result.output().isBlank() ? Optional.of(result.output().strip()) : Optional.empty();
    }

    @Override
    public void store(String server, String secret) {
        Result result = run(List.of(tool.toString(), "store", "--label=Tributary console: " + server, "service", SERVICE, "server", server), secret);
        if (result.exit() != 0) {
            throw new IllegalStateException("The keyring refused to keep the key (secret-tool exit " + result.exit() + "): " + result.output().strip());
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException closedEarly) {
                // The tool ended without reading its input (a keyring it cannot reach): its exit and words say why.
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "secret-tool did not answer (is the keyring locked?)");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
