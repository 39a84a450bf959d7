package dev.tributary.server.blob;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring download links to objects of a store that cannot sign URLs itself (the file store): {@code
 * BASE/downloads/STORE?key=KEY&expires=UNIX_SECONDS&signature=HEX}, the signature an HMAC-SHA256 of store, key and
 * expiry with this deployment's key. Whoever holds the link may download the object until it expires, and nothing else.
 */
public final class SignedLinks {

    /** The path the server answers signed links at, followed by the store's name. */
    public static final String PATH = "/downloads/";

    private final byte[] key;
    private final URI base;
    private final Clock clock;

    public SignedLinks(byte[] key, URI base, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("an HMAC-SHA256 key needs at least 256 bits");
        }
        this.key = key.clone();
        this.base = base;
        this.clock = clock;
    }

    /** What a presented link is worth. */
    public sealed interface Verdict {
        record Valid() implements Verdict {}

        record Expired(Instant at) implements Verdict {}

        record Forged() implements Verdict {}
    }

    public URI sign(String store, String key, Duration lifetime) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return URI.create(base + PATH + store + "?key=" + URLEncoder.encode(BlobKeys.check(key), StandardCharsets.UTF_8)
                + "&expires=" + expires + "&signature=" + signature(store, key, expires));
    }

    /** Checks the signature first, so that an expiry time nobody signed is never reported back as if it were real. */
    public Verdict verify(String store, String key, String expires, String signature) {
        long expiry;
        try {
            expiry = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return new Verdict.Forged();
        }
        byte[] expected = signature(store, key, expiry).getBytes(StandardCharsets.US_ASCII);
        if (signature == null || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return new Verdict.Forged();
        }
        Instant at = Instant.ofEpochSecond(expiry);
        return clock.instant().isBefore(at) ? new Verdict.Valid() : new Verdict.Expired(at);
    }

    private String signature(String store, String key, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
            // Separated by a byte no store name, key or number holds, so that no two links sign the same text.
            return HexFormat.of().formatHex(mac.doFinal((store + '\0' + key + '\0' + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
