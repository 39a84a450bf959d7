package dev.tributary.server.modelsync;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tributary.server.blob.BlobStore;
import dev.tributary.server.blob.SignedLinks;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Record logs of model sync runs: per run, one JSON Lines file per {@link Type}, written locally while the run goes and
 * published to the execution log store (EXECUTION_LOG_BUCKET, or files) when it ends, then read through expiring links.
 */
public final class RecordLogs {

    /** The store's name in the server's own signed links. */
    public static final String STORE = "execution-logs";
    private static final Duration LINK_LIFETIME = Duration.ofHours(1);

    /** The kinds of record log a run keeps. */
    public enum Type {
        RECORDS, INSERTS, UPDATES, DELETES, ERRORS, WARNINGS;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Type> named(String id) {
            try {
                return Optional.of(valueOf(id.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private final BlobStore store;
    private final SignedLinks links;
    private final boolean disabled;

    /** {@code disabled} is RECORD_LOG_DISABLED: no workspace keeps record logs then. */
    public RecordLogs(BlobStore store, SignedLinks links, boolean disabled) {
        this.store = store;
        this.links = links;
        this.disabled = disabled;
    }

    public BlobStore store() {
        return store;
    }

    /** Starts the logs of one run under {@code directory}; a run of a workspace that keeps none gets a log that writes nothing. */
    Log open(UUID sync, UUID execution, boolean workspaceLogs, Path directory) {
        return new Log(sync, execution, !disabled && workspaceLogs, directory);
    }

    /** A link to one log of a run, valid for an hour; not found when the run kept none of that type. */
    public Download link(UUID sync, UUID execution, String type) {
        Type kind = Type.named(type).orElseThrow(() -> TributaryException.invalid(java.util.List.of(new dev.tributary.protocol.Problem.FieldError(
                "type", "must be one of records, inserts, updates, deletes, errors, warnings."))));
        String key = key(sync, execution, kind);
        if (!store.exists(key)) {
            throw new TributaryException(ErrorCode.NOT_FOUND, "This run kept no " + kind.id() + " log: record logging was off, or the run"
                    + " has not ended yet.");
        }
        URI url = store.presignedDownload(key, LINK_LIFETIME).orElseGet(() -> links.sign(STORE, key, LINK_LIFETIME));
        return new Download(url, LINK_LIFETIME);
    }

    /** Where a log can be downloaded from, and for how long. */
    public record Download(URI url, Duration lifetime) {}

    /** Deletes every log of a sync (the sync is gone). */
    void forget(UUID sync) {
        store.list("syncs/" + sync + "/").forEach(store::delete);
    }

    private static String key(UUID sync, UUID execution, Type type) {
        return "syncs/" + sync + "/" + execution + "/" + type.id() + ".jsonl";
    }

    /** The logs of one run while it goes. */
    final class Log implements AutoCloseable {
        private final UUID sync;
        private final UUID execution;
        private final boolean enabled;
        private final Path directory;
        private final Map<Type, JsonGenerator> open = new EnumMap<>(Type.class);

        private Log(UUID sync, UUID execution, boolean enabled, Path directory) {
            this.sync = sync;
            this.execution = execution;
            this.enabled = enabled;
            this.directory = directory.resolve("logs-" + execution);
        }

        /** Adds one record to a log: its fields, and for errors and warnings why. */
        void write(Type type, Map<String, Object> record) {
            if (!enabled) {
                return;
            }
            try {
                JsonGenerator out = open.get(type);
                if (out == null) {
                    Files.createDirectories(directory);
                    out = Json.mapper().getFactory().createGenerator(Files.newOutputStream(directory.resolve(type.id() + ".jsonl")));
                    out.setRootValueSeparator(null);
                    open.put(type, out);
                }
                Json.mapper().writeValue(out, record);
                out.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the " + type.id() + " log: " + e.getMessage(), e);
            }
        }

        /** Publishes every log written to the store. */
        void publish() {
            if (!enabled) {
                return;
            }
            for (Map.Entry<Type, JsonGenerator> log : open.entrySet()) {
                Path file = directory.resolve(log.getKey().id() + ".jsonl");
                try {
                    log.getValue().close();
                    try (InputStream content = Files.newInputStream(file)) {
                        store.put(key(sync, execution, log.getKey()), content, Files.size(file));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /** Deletes the local files. */
        @Override
        public void close() {
            try {
                for (JsonGenerator out : open.values()) {
                    out.close();
                }
                for (Type type : Type.values()) {
                    Files.deleteIfExists(directory.resolve(type.id() + ".jsonl"));
                }
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
