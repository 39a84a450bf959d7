package dev.tributary.server.modelsync;

import java.util.Optional;

/** Entries read one at a time, in identity order unless said otherwise. */
public interface EntrySource extends AutoCloseable {

    EntrySource EMPTY = new EntrySource() {
        @Override
        public Optional<Entry> next() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    };

    Optional<Entry> next();

    @Override
    void close();
}
