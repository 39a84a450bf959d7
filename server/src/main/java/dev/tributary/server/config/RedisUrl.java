package dev.tributary.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A Redis server given as {@code redis://:password@host:6379/0}, or {@code rediss://} for TLS. */
public record RedisUrl(boolean tls, String host, int port, Optional<String> user, Optional<Secret> password, int database) {

    public static final String EXPECTED_FORM = "redis://:password@host:6379/ (rediss:// for TLS; the password and the database number are optional)";

    public static RedisUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        boolean tls;
        if ("redis".equals(uri.getScheme())) {
            tls = false;
        } else if ("rediss".equals(uri.getScheme())) {
            tls = true;
        } else {
            throw new IllegalArgumentException("must start with redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host");
        }
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String name = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            user = name.isEmpty() ? Optional.empty() : Optional.of(name);
            password = colon < 0 ? Optional.empty() : Optional.of(new Secret(decode(userInfo.substring(colon + 1))));
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        int database;
        try {
            database = path.isEmpty() ? 0 : Integer.parseInt(path);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has a path that is not a database number");
        }
        if (database < 0) {
            throw new IllegalArgumentException("has a negative database number");
        }
        return new RedisUrl(tls, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), user, password, database);
    }

    /** The URL with its password masked, fit for logs and {@code config check}. */
    public String masked() {
        String credentials = user.orElse("") + password.map(p -> ":" + Secret.MASK).orElse("");
        return (tls ? "rediss://" : "redis://") + (credentials.isEmpty() ? "" : credentials + "@") + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return masked();
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
