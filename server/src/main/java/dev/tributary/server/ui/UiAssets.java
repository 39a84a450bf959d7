package dev.tributary.server.ui;

import dev.tributary.protocol.Problem;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.http.HttpResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser UI: plain files from the classpath under {@code ui/}, and {@code index.html} for every other path outside
 * the API, so that a page's own address (such as {@code /connections/ID}) survives a reload. Files carry an ETag and are
 * revalidated on each use, since their names are not versioned.
 */
public final class UiAssets implements HttpHandler {

    private static final String ROOT = "ui";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");
    /** Where gtag.js comes from and where it sends its hits; allowed only when analytics is on. */
    private static final String GA_SCRIPTS = "https://www.googletagmanager.com";
    private static final String GA_HITS = "https://*.google-analytics.com https://*.analytics.google.com https://*.googletagmanager.com";

    private final Optional<String> gaMeasurementId;
    private final String contentSecurityPolicy;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    public UiAssets(Optional<String> gaMeasurementId) {
        this.gaMeasurementId = gaMeasurementId;
        this.contentSecurityPolicy = contentSecurityPolicy(gaMeasurementId.isPresent());
    }

    /** Only this server's own files, plus Google Analytics' hosts when GA_MEASUREMENT_ID is set. */
    static String contentSecurityPolicy(boolean analytics) {
        return "default-src 'self'; script-src 'self'" + (analytics ? " " + GA_SCRIPTS : "")
                + "; connect-src 'self'" + (analytics ? " " + GA_HITS : "")
                + "; img-src 'self' data:" + (analytics ? " " + GA_HITS : "")
                + "; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        if (path.startsWith("/api/") || path.equals("/api")) {
            HttpResponses.problem(exchange, Problem.of(404, ErrorCode.NOT_FOUND.title(), "No resource at " + path + "; see the API's routes."));
            return;
        }
        Optional<Asset> asset = path.contains("..") || path.contains("//") ? Optional.empty() : load(path);
        if (asset.isEmpty() && !lastSegment(path).contains(".")) {
            asset = load("/index.html");
        }
        if (asset.isEmpty()) {
            HttpResponses.text(exchange, 404, "No file at " + path + ".");
            return;
        }
        send(exchange, asset.get());
    }

    private void send(HttpServerExchange exchange, Asset asset) {
        exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, contentSecurityPolicy);
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseHeaders().put(Headers.REFERRER_POLICY, "same-origin");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(Headers.ETAG, asset.etag());
        if (asset.etag().equals(exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH))) {
            exchange.setStatusCode(304);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, asset.type());
        exchange.getResponseSender().send(ByteBuffer.wrap(asset.body()));
    }

    /** Only files that exist are kept: remembering every path asked for would let anyone fill the memory. */
    private Optional<Asset> load(String path) {
        Asset cached = cache.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Asset> read = read(path);
        read.ifPresent(asset -> cache.put(path, asset));
        return read;
    }

    private Optional<Asset> read(String path) {
        String name = lastSegment(path);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (!name.contains(".") || !TYPES.containsKey(extension)) {
            return Optional.empty();
        }
        try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            if (path.equals("/index.html")) {
                body = withAnalytics(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            return Optional.of(new Asset(TYPES.get(extension), body, etag(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page names the measurement id only when analytics is on; the script loads gtag.js once it knows who signed in. */
    private String withAnalytics(String index) {
        String meta = gaMeasurementId.map(id -> "<meta name=\"ga-measurement-id\" content=\"" + HttpResponses.escape(id) + "\">").orElse("");
        return index.replace("<!-- analytics -->", meta);
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String etag(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Asset(String type, byte[] body, String etag) {}
}
