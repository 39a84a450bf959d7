package dev.tributary.server.modelsync;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One model record as change detection sees it: its identity, a hash of its mapped values, and (while a run is in
 * progress) the values themselves. Identities compare as unsigned UTF-8 bytes, the order every sorted file keeps.
 */
public record Entry(byte[] identity, byte[] hash, byte[] payload) implements Comparable<Entry> {

    public static final byte[] NO_PAYLOAD = new byte[0];

    public static Entry of(String identity, byte[] hash, byte[] payload) {
        return new Entry(identity.getBytes(StandardCharsets.UTF_8), hash, payload);
    }

    public String identityText() {
        return new String(identity, StandardCharsets.UTF_8);
    }

    /** The same record without its values, as a snapshot keeps it. */
    public Entry withoutPayload() {
        return payload.length == 0 ? this : new Entry(identity, hash, NO_PAYLOAD);
    }

    /** Roughly what the entry holds in memory, for the sort's budget. */
    long footprint() {
        return 64L + identity.length + hash.length + payload.length;
    }

    public boolean sameIdentity(Entry other) {
        return Arrays.equals(identity, other.identity);
    }

    public boolean sameHash(Entry other) {
        return Arrays.equals(hash, other.hash);
    }

    @Override
    public int compareTo(Entry other) {
        return Arrays.compareUnsigned(identity, other.identity);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Entry entry && Arrays.equals(identity, entry.identity) && Arrays.equals(hash, entry.hash)
                && Arrays.equals(payload, entry.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(identity) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "Entry[" + identityText() + "]";
    }
}
