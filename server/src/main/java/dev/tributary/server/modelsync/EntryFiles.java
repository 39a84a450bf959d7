package dev.tributary.server.modelsync;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The file format of sorted runs and snapshots: entries one after another, each as three length-prefixed byte strings
 * (identity, hash, payload). Read and written as streams, so files of any size pass through a fixed amount of memory.
 */
final class EntryFiles {

    private static final int BUFFER = 1 << 16;
    /** A length above this is a damaged file, not a record. */
    private static final int MAX_FIELD = 64 << 20;

    private EntryFiles() {}

    /** Writes entries to a stream; closing it closes the stream. */
    static final class Writer implements AutoCloseable {
        private final DataOutputStream out;

        Writer(OutputStream out) {
            this.out = new DataOutputStream(new BufferedOutputStream(out, BUFFER));
        }

        void write(Entry entry) {
            try {
                field(entry.identity());
                field(entry.hash());
                field(entry.payload());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void field(byte[] bytes) throws IOException {
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads entries back in file order. */
    static final class Reader implements EntrySource {
        private final DataInputStream in;

        Reader(InputStream in) {
            this.in = new DataInputStream(new BufferedInputStream(in, BUFFER));
        }

        @Override
        public Optional<Entry> next() {
            try {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    return Optional.empty();
                }
                byte[] identity = field(length);
                byte[] hash = field(in.readInt());
                byte[] payload = field(in.readInt());
                return Optional.of(new Entry(identity, hash, payload.length == 0 ? Entry.NO_PAYLOAD : payload));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] field(int length) throws IOException {
            if (length < 0 || length > MAX_FIELD) {
                throw new IOException("damaged entry file: a field of " + length + " bytes");
            }
            return in.readNBytes(length);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
