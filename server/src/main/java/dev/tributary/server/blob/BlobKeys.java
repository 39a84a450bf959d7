package dev.tributary.server.blob;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.nio.charset.StandardCharsets;

/** The rules for keys and prefixes, the same for every store, so that a key valid in one store is valid in all. */
final class BlobKeys {

    /** S3's limit; local file systems allow as much in a path. */
    private static final int MAX_BYTES = 1024;

    private BlobKeys() {}

    /** Returns the key, or refuses it with the reason. */
    static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw refused("", "it is empty");
        }
        checkText(key, key);
        if (key.endsWith("/")) {
            throw refused(key, "it ends with /, which names a folder rather than an object");
        }
        for (String segment : key.split("/", -1)) {
            checkSegment(key, segment);
        }
        return key;
    }

    /** Returns the prefix (empty for every key), or refuses it: a prefix follows the rules of keys, and may end with / or within a segment. */
    static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        checkText(prefix, prefix);
        String[] segments = prefix.split("/", -1);
        for (int index = 0; index < segments.length; index++) {
            boolean last = index == segments.length - 1;
            if (!(last && segments[index].isEmpty())) {
                checkSegment(prefix, segments[index]);
            }
        }
        return prefix;
    }

    private static void checkText(String key, String text) {
        if (text.startsWith("/")) {
            throw refused(key, "it starts with /; keys are relative to the store");
        }
        if (text.indexOf('\\') >= 0) {
            throw refused(key, "it holds a backslash; separate folders with /");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw refused(key, "it holds a control character");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw refused(key, "it is longer than " + MAX_BYTES + " bytes");
        }
    }

    private static void checkSegment(String key, String segment) {
        if (segment.isEmpty()) {
            throw refused(key, "it has an empty segment (//)");
        }
        if (segment.equals("..") || segment.equals(".")) {
            throw refused(key, "it has a '" + segment + "' segment, which could leave the store's folder");
        }
        if (segment.startsWith(".")) {
            // The file store writes objects beside their place under hidden names until they are complete.
            throw refused(key, "its segment '" + segment + "' starts with a dot, which is kept for writes in progress");
        }
    }

    private static TributaryException refused(String key, String reason) {
        return new TributaryException(ErrorCode.INVALID_REQUEST,
                "The blob key '" + key + "' is refused: " + reason + ". Keys are relative paths such as jobs/<id>/snapshot.csv.");
    }
}
