package dev.tributary.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a blob store keeps its objects: {@code file:///path}, or {@code s3://bucket/prefix?region=REGION} with
 * {@code &endpoint=http://host:port} for an S3-compatible store. {@code azblob://} and {@code gcs://} are known but
 * refused, so that a configuration naming them stops at startup rather than at the first write.
 */
public record BlobLocation(URI uri) {

    public static final String EXPECTED_FORM = "s3://bucket/prefix?region=REGION (with &endpoint=http://host:port for an S3-compatible store)"
            + " or file:///absolute/path";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
    private static final String REGION_PARAMETER = "region";
    private static final String ENDPOINT_PARAMETER = "endpoint";
    private static final String PATH_STYLE_PARAMETER = "path_style";

    public enum Kind {
        S3("s3", "Amazon S3 or an S3-compatible store", true),
        FILE("file", "a local directory", true),
        AZBLOB("azblob", "Azure Blob Storage", false),
        GCS("gcs", "Google Cloud Storage", false);

        private final String scheme;
        private final String product;
        private final boolean supported;

        Kind(String scheme, String product, boolean supported) {
            this.scheme = scheme;
            this.product = product;
            this.supported = supported;
        }

        public boolean supported() {
            return supported;
        }

        /** Why a location of this kind cannot be used, for a kind this build does not support. */
        public String refusal() {
            return scheme + ":// (" + product + ") is not supported in this build; use s3:// or file://";
        }
    }

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
        if (!kind.supported()) {
            throw new IllegalArgumentException("is refused: " + kind.refusal());
        }
        if (kind == Kind.FILE) {
            if (uri.getRawAuthority() != null || uri.getPath() == null || !uri.getPath().startsWith("/")) {
                throw new IllegalArgumentException("must name an absolute path (file:///path, with three slashes)");
            }
            if (uri.getRawQuery() != null) {
                throw new IllegalArgumentException("takes no settings after '?' for file://");
            }
        } else {
            checkS3(location);
        }
        return location;
    }

    private static void checkS3(BlobLocation location) {
        URI uri = location.uri;
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not hold credentials; the server takes them from the AWS SDK default chain"
                    + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or an IAM role)");
        }
        if (uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("has no bucket name");
        }
        if (!BUCKET.matcher(uri.getRawAuthority()).matches()) {
            throw new IllegalArgumentException("has a bucket name S3 does not allow: 3 to 63 lower-case letters, digits, dots and hyphens");
        }
        String prefix = location.prefix();
        if (!prefix.isEmpty() && (prefix.contains("//") || ("/" + prefix).contains("/./") || ("/" + prefix).contains("/../"))) {
            throw new IllegalArgumentException("has a prefix with an empty, '.' or '..' folder");
        }
        Map<String, String> parameters = location.parameters();
        for (String name : parameters.keySet()) {
            if (!name.equals(REGION_PARAMETER) && !name.equals(ENDPOINT_PARAMETER) && !name.equals(PATH_STYLE_PARAMETER)) {
                throw new IllegalArgumentException("has an unknown setting '" + name + "'; s3:// takes region, endpoint and path_style");
            }
        }
        if (parameters.containsKey(REGION_PARAMETER) && !REGION.matcher(parameters.get(REGION_PARAMETER)).matches()) {
            throw new IllegalArgumentException("has a region that is not one, such as us-east-1");
        }
        if (parameters.containsKey(ENDPOINT_PARAMETER)) {
            URI endpoint;
            try {
                endpoint = new URI(parameters.get(ENDPOINT_PARAMETER));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("has an endpoint that is not a URL");
            }
            if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null
                    || endpoint.getRawUserInfo() != null || !(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()
                    || endpoint.getRawPath().equals("/")) || endpoint.getRawQuery() != null) {
                throw new IllegalArgumentException("has an endpoint that is not an http(s) URL with only a host and a port, such as http://minio:9000");
            }
        }
        if (parameters.containsKey(PATH_STYLE_PARAMETER) && !parameters.get(PATH_STYLE_PARAMETER).matches("true|false")) {
            throw new IllegalArgumentException("has a path_style that is neither true nor false");
        }
    }

    /**
     * An S3 location named by a bucket name ({@code exports}) or an {@code s3://} location, in the region given unless the
     * location names its own.
     */
    public static BlobLocation bucket(String bucketOrLocation, Optional<String> region) {
        String text = bucketOrLocation.trim();
        BlobLocation location = parse(text.contains("://") ? text : "s3://" + text);
        if (location.kind() != Kind.S3) {
            throw new IllegalArgumentException("is not an S3 bucket; give a bucket name or an s3:// location");
        }
        if (region.isEmpty() || location.region().isPresent()) {
            return location;
        }
        String uri = location.uri.toString();
        return parse(uri + (location.uri.getRawQuery() == null ? "?" : "&") + REGION_PARAMETER + "=" + region.get());
    }

    public static BlobLocation of(Path directory) {
        return new BlobLocation(directory.toAbsolutePath().normalize().toUri());
    }

    public Kind kind() {
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "s3" -> Kind.S3;
            case "file" -> Kind.FILE;
            case "azblob" -> Kind.AZBLOB;
            case "gcs" -> Kind.GCS;
            default -> throw new IllegalArgumentException("has an unsupported scheme '" + uri.getScheme() + "'");
        };
    }

    /** The bucket of an {@code s3://} location. */
    public String bucket() {
        return uri.getRawAuthority();
    }

    /** The folder of an {@code s3://} location within its bucket: empty, or ending with {@code /}. */
    public String prefix() {
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
        return path.isEmpty() || path.endsWith("/") ? path : path + "/";
    }

    /** The bucket's region; empty to take it from the AWS SDK's default chain. */
    public Optional<String> region() {
        return Optional.ofNullable(parameters().get(REGION_PARAMETER));
    }

    /** An S3-compatible store to talk to instead of AWS S3. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(parameters().get(ENDPOINT_PARAMETER)).map(URI::create);
    }

    /** Whether the bucket is addressed in the path (host/bucket/key): by default only with an endpoint, as S3-compatible stores need it. */
    public boolean pathStyle() {
        return Optional.ofNullable(parameters().get(PATH_STYLE_PARAMETER)).map(Boolean::parseBoolean).orElse(endpoint().isPresent());
    }

    private Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (parameters.put(name, value) != null) {
                throw new IllegalArgumentException("sets '" + name + "' twice");
            }
        }
        return parameters;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
