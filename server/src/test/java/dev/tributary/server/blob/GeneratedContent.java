package dev.tributary.server.blob;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Bytes made up as they are read, never held: each position has its own pseudo-random value, so a part lost, doubled
 * or swapped on the way changes the digest. {@link #digest()} is the SHA-256 of what was read so far.
 */
final class GeneratedContent extends InputStream {

    private final long length;
    private final MessageDigest digest;
    private long position;

    GeneratedContent(long length) {
        this.length = length;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (position == length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int index = 0; index < n; index++) {
            long at = position + index;
            buffer[offset + index] = (byte) (mix(at >>> 3) >>> ((at & 7) * 8));
        }
        digest.update(buffer, offset, n);
        position += n;
        return n;
    }

    byte[] digest() {
        return digest.digest();
    }

    /** SplitMix64's finalizer: a different, well-spread value for every block of eight bytes. */
    private static long mix(long block) {
        long z = block * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
