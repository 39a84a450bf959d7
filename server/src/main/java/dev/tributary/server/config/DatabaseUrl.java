package dev.tributary.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL connection given as {@code postgres://user:password@host:port/database?sslmode=...}.
 * Query parameters are passed to the JDBC driver unchanged.
 */
public record DatabaseUrl(String host, int port, String database, String user, Optional<Secret> password, String query) {

    public static final String EXPECTED_FORM = "postgres://user:password@host:port/database (or postgresql://), driver settings such as sslmode as query parameters";

    public static DatabaseUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        String scheme = uri.getScheme();
        if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
            throw new IllegalArgumentException("must start with postgres:// or postgresql://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("has no database name after the host");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty() || userInfo.startsWith(":")) {
            throw new IllegalArgumentException("has no user name before the host");
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        Optional<Secret> password = colon < 0 ? Optional.empty() : Optional.of(new Secret(decode(userInfo.substring(colon + 1))));
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new DatabaseUrl(uri.getHost(), port, database, user, password, uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    public String jdbcUrl() {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    /** The URL with its password masked, fit for logs and {@code config check}. */
    public String masked() {
        return "postgres://" + user + password.map(p -> ":" + Secret.MASK).orElse("") + "@" + host + ":" + port + "/" + database
                + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public String toString() {
        return masked();
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
