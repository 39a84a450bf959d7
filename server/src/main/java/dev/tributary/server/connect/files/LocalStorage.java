package dev.tributary.server.connect.files;

import dev.tributary.server.connect.objects.AtomicFiles;
import dev.tributary.server.connect.objects.Content;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files in a directory of the server's file system (or a volume mounted there). */
final class LocalStorage implements Storage {

    private final Path root;

    LocalStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path resolve(String key) {
        return root.resolve(key);
    }

    @Override
    public String location(String key) {
        return resolve(key).toString();
    }

    @Override
    public TestResult test() {
        if (!Files.isDirectory(root)) {
            return new TestResult.Failed(Problem.DATABASE_MISSING, "Directory " + root + " does not exist; create it or correct path.");
        }
        if (!Files.isReadable(root) || !Files.isWritable(root)) {
            return new TestResult.Failed(Problem.PERMISSION_DENIED, "Directory " + root
                    + " is not readable and writable by the server's user; change its permissions or choose another path.");
        }
        return new TestResult.Passed("Directory " + root + " is readable and writable");
    }

    @Override
    public List<String> children() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(entry -> entry.getFileName() + (Files.isDirectory(entry) ? "/" : "")).sorted().toList();
        } catch (IOException e) {
            throw failure("Listing", root, e);
        }
    }

    @Override
    public List<String> files(String directory) {
        Path start = resolve(directory);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(start)) {
            return entries.filter(Files::isRegularFile).filter(file -> !AtomicFiles.isPartial(file))
                    .map(file -> root.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw failure("Listing", start, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(resolve(key));
        } catch (IOException e) {
            throw failure("Reading", resolve(key), e);
        }
    }

    /** Writes beside the target and moves it into place, so the file appears whole. */
    @Override
    public void write(String key, Content content) {
        Path target = resolve(key);
        try {
            AtomicFiles.write(target, content);
        } catch (IOException e) {
            throw failure("Writing", target, e);
        }
    }

    private static ConnectorException failure(String action, Path path, IOException e) {
        String reason = e instanceof NoSuchFileException ? "it does not exist" : e.getClass().getSimpleName() + " " + e.getMessage();
        return new ConnectorException(action + " " + path + " failed: " + reason + "; check path and the directory's permissions and free space.", e);
    }

    @Override
    public void close() {}
}
