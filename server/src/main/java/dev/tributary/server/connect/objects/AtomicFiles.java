package dev.tributary.server.connect.objects;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** Files written whole: a reader of the target sees the old content or the new, never part of it. */
public final class AtomicFiles {

    private static final String PARTIAL_SUFFIX = ".tmp";

    private AtomicFiles() {}

    /**
     * Writes into a hidden file beside the target, then moves it into place in one step, replacing any file there;
     * creates missing directories. A failed write leaves nothing behind.
     */
    public static void write(Path target, Content content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + PARTIAL_SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Only a leftover of a failed write, which is reported; listings skip partial files.
            }
        }
    }

    /** Whether the file is a write in progress (or the leftover of one) rather than content. */
    public static boolean isPartial(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(PARTIAL_SUFFIX);
    }
}
