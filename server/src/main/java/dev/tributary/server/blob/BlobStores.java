package dev.tributary.server.blob;

import dev.tributary.server.config.BlobLocation;
import java.nio.file.Path;

/** Opens the blob store a location names. */
public final class BlobStores {

    private BlobStores() {}

    /**
     * A store for {@code file:///path} (a directory, created when first written) or {@code s3://bucket/prefix?region=...}
     * (credentials from the AWS SDK default chain). Nothing is read or written yet: the admin health probes the store.
     *
     * @throws IllegalArgumentException for a kind of location this build does not support (configuration refuses those first)
     */
    public static BlobStore open(BlobLocation location) {
        return switch (location.kind()) {
            case FILE -> new FileBlobStore(Path.of(location.uri()));
            case S3 -> S3BlobStore.open(location);
            case AZBLOB, GCS -> throw new IllegalArgumentException(location.kind().refusal());
        };
    }
}
