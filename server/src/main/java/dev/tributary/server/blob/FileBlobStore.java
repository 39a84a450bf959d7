package dev.tributary.server.blob;

import dev.tributary.server.connect.objects.AtomicFiles;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Objects as files under a directory of the server (or a volume mounted there); folders are created as objects need them. */
final class FileBlobStore implements BlobStore {

    private final Path root;
    private final String description;

    FileBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        // Path.toUri() ends with / only once the directory exists; the description should not change with that.
        String uri = this.root.toUri().toString();
        this.description = uri.endsWith("/") && this.root.getParent() != null ? uri.substring(0, uri.length() - 1) : uri;
    }

    private Path resolve(String key) {
        return root.resolve(BlobKeys.check(key));
    }

    @Override
    public void write(String key, Content content) {
        Path target = resolve(key);
        try {
            AtomicFiles.write(target, content::writeTo);
        } catch (IOException e) {
            throw failure("Writing", key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        Path file = resolve(key);
        try {
            if (!Files.isRegularFile(file)) {
                throw notFound(key);
            }
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw notFound(key);
        } catch (IOException e) {
            throw failure("Reading", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public void delete(String key) {
        Path file = resolve(key);
        try {
            if (Files.isRegularFile(file)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw failure("Deleting", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        String checked = BlobKeys.checkPrefix(prefix);
        Path start = root.resolve(checked.contains("/") ? checked.substring(0, checked.lastIndexOf('/')) : "");
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !AtomicFiles.isPartial(file)) {
                        String key = root.relativize(file).toString().replace(File.separatorChar, '/');
                        if (key.startsWith(checked)) {
                            keys.add(key);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // Deleted while the listing ran: it is simply not listed.
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw failure("Listing", checked, e);
        }
        return keys.stream().sorted().toList();
    }

    @Override
    public String describe() {
        return description;
    }

    private TributaryException notFound(String key) {
        return new TributaryException(ErrorCode.NOT_FOUND, "No object '" + key + "' in " + describe() + ".");
    }

    private TributaryException failure(String action, String key, IOException e) {
        return new TributaryException(ErrorCode.BLOB_STORE_FAILED, action + " '" + key + "' in " + describe() + " failed: "
                + e.getClass().getSimpleName() + " " + e.getMessage() + "; check that the directory exists or can be created,"
                + " that the server's user may write it, and that the disk has room.", e);
    }

    @Override
    public void close() {}
}
