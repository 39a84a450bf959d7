package dev.tributary.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where a blob store keeps its objects: {@code s3://bucket?region=...}, {@code file:///path}, {@code azblob://container} or {@code gcs://bucket}. */
public record BlobLocation(URI uri) {

    public static final String EXPECTED_FORM = "s3://bucket?region=REGION, file:///absolute/path, azblob://container or gcs://bucket";

    public enum Kind { S3, FILE, AZBLOB, GCS }

    public static BlobLocation parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("has no scheme");
        }
        BlobLocation location = new BlobLocation(uri);
        Kind kind = location.kind();
        if (kind == Kind.FILE) {
            if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
                throw new IllegalArgumentException("must name an absolute path (file:///path)");
            }
        } else if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no bucket or container name");
        }
        return location;
    }

    public static BlobLocation of(Path directory) {
        return new BlobLocation(directory.toAbsolutePath().normalize().toUri());
    }

    public Kind kind() {
        return switch (uri.getScheme()) {
            case "s3" -> Kind.S3;
            case "file" -> Kind.FILE;
            case "azblob" -> Kind.AZBLOB;
            case "gcs" -> Kind.GCS;
            default -> throw new IllegalArgumentException("has an unsupported scheme '" + uri.getScheme() + "'");
        };
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
