package dev.tributary.server.modelsync;

import dev.tributary.server.blob.BlobStore;
import dev.tributary.server.connect.spi.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Each model sync's snapshot: the identity and a hash of the mapped values of every record the destination holds as of
 * the last run, sorted by identity, in the blob store (JOB_PAYLOAD_PATH) so every worker sees it. A snapshot belongs to
 * one configuration (mapping, filters, mode): a changed configuration finds no snapshot and the next run sends
 * everything, so nothing is silently skipped.
 */
public final class Snapshots {

    private static final int HASH_BYTES = 16;

    private final BlobStore store;

    public Snapshots(BlobStore store) {
        this.store = store;
    }

    /** The snapshot of the sync's last run under this configuration; empty when there is none. */
    public EntrySource previous(UUID sync, String configuration) {
        String key = key(sync, configuration);
        return store.exists(key) ? new EntryFiles.Reader(store.open(key)) : EntrySource.EMPTY;
    }

    /** Whether the sync has a snapshot of this configuration: without one, its next run is its first. */
    public boolean exists(UUID sync, String configuration) {
        return store.exists(key(sync, configuration));
    }

    /** Starts a new snapshot in a local file under {@code directory}; {@link Draft#commit} publishes it. */
    public Draft draft(UUID sync, String configuration, Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "snapshot-", ".entries");
            return new Draft(sync, configuration, file, new EntryFiles.Writer(Files.newOutputStream(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a snapshot under " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Drops every snapshot of the sync: its next run sends everything (a resync, or the sync is gone). */
    public void forget(UUID sync) {
        store.list(prefix(sync)).forEach(store::delete);
    }

    /** A snapshot being written, entry by entry in identity order. */
    public final class Draft implements AutoCloseable {
        private final UUID sync;
        private final String configuration;
        private final Path file;
        private final EntryFiles.Writer writer;
        private boolean closed;

        private Draft(UUID sync, String configuration, Path file, EntryFiles.Writer writer) {
            this.sync = sync;
            this.configuration = configuration;
            this.file = file;
            this.writer = writer;
        }

        /** Records what the destination now holds for this identity (its values are not kept). */
        public void add(Entry entry) {
            writer.write(entry.withoutPayload());
        }

        /** Records an entry with its values, for a draft that is read back here rather than committed. */
        void addWhole(Entry entry) {
            writer.write(entry);
        }

        /** Reads back what was written so far, with values; the draft takes no more entries. */
        EntrySource reopen() {
            finishWriting();
            try {
                return new EntryFiles.Reader(Files.newInputStream(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Replaces the sync's snapshot with this one, whole; older configurations' snapshots are dropped. */
        public void commit() {
            finishWriting();
            String key = key(sync, configuration);
            try (var content = Files.newInputStream(file)) {
                store.put(key, content, Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store.list(prefix(sync)).stream().filter(other -> !other.equals(key)).forEach(store::delete);
        }

        private void finishWriting() {
            if (!closed) {
                closed = true;
                writer.close();
            }
        }

        /** Deletes the local file; a draft closed without {@link #commit} leaves the last snapshot in place. */
        @Override
        public void close() {
            finishWriting();
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A hash of a record's mapped values: equal values give equal hashes whatever their Java form (a decimal's trailing
     * zeros, for one), and a NULL differs from every value, the empty string included.
     */
    public static byte[] hash(Row values) {
        MessageDigest digest = sha256();
        for (int i = 0; i < values.size(); i++) {
            byte[] value = canonical(values.get(i));
            digest.update((byte) (value == null ? 0 : 1));
            if (value != null) {
                digest.update(lengthOf(value));
                digest.update(value);
            }
        }
        return Arrays.copyOf(digest.digest(), HASH_BYTES);
    }

    /** A short fingerprint of a sync's configuration, for telling snapshots of different configurations apart. */
    public static String fingerprint(String configuration) {
        return HexFormat.of().formatHex(Arrays.copyOf(sha256().digest(configuration.getBytes(StandardCharsets.UTF_8)), 8));
    }

    private static byte[] canonical(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal.stripTrailingZeros().toPlainString().getBytes(StandardCharsets.UTF_8);
            case byte[] bytes -> Base64.getEncoder().encode(bytes);
            case List<?> list -> list.stream().map(item -> item == null ? "\u0000" : new String(canonical(item), StandardCharsets.UTF_8))
                    .toList().toString().getBytes(StandardCharsets.UTF_8);
            default -> value.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static String prefix(UUID sync) {
        return "model-syncs/" + sync + "/";
    }

    private static String key(UUID sync, String configuration) {
        return prefix(sync) + "snapshot-" + configuration;
    }

    /** A value's length as four bytes, so that lengths separate values unambiguously in the hash. */
    private static byte[] lengthOf(byte[] value) {
        int length = value.length;
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
}
