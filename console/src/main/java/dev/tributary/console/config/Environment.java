package dev.tributary.console.config;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The few environment variables the console reads, in one place. */
public final class Environment {

    private Environment() {}

    /** {@code TRIBUTARY_KEY}: the key the installed launcher's checks connect with; empty when unset or blank. */
    public static Optional<String> key() {
        return Optional.ofNullable(System.getenv("TRIBUTARY_KEY")).filter(key -> !key.isBlank());
    }

    /** The directories of {@code PATH}, where the console looks for the tools it uses (secret-tool). */
    public static List<Path> path() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(Path::of).toList();
    }
}
