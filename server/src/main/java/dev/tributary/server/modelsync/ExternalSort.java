package dev.tributary.server.modelsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Sorts entries by identity within a memory budget: entries gather in memory until the budget is reached, are sorted
 * and written out as a run, and the runs are merged in one streaming pass. Memory stays at the budget whatever the
 * number of entries; the disk holds the rest. Closing deletes the runs.
 */
public final class ExternalSort implements AutoCloseable {

    private final Path directory;
    private final long budget;
    private final List<Path> runs = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private List<Entry> buffer = new ArrayList<>();
    private long buffered;

    /** Runs are written under {@code directory} (created when needed); {@code budget} is in bytes. */
    public ExternalSort(Path directory, long budget) {
        this.directory = directory;
        this.budget = budget;
    }

    public void add(Entry entry) {
        buffer.add(entry);
        buffered += entry.footprint();
        if (buffered >= budget) {
            spill();
        }
    }

    /** How many runs went to disk so far. */
    public int runs() {
        return runs.size();
    }

    /** Every entry added, in identity order (entries with the same identity are next to each other). */
    public EntrySource sorted() {
        if (runs.isEmpty()) {
            buffer.sort(Comparator.naturalOrder());
            Iterator<Entry> entries = buffer.iterator();
            buffer = new ArrayList<>();
            return new EntrySource() {
                @Override
                public Optional<Entry> next() {
                    return entries.hasNext() ? Optional.of(entries.next()) : Optional.empty();
                }

                @Override
                public void close() {
                }
            };
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        return merge();
    }

    private void spill() {
        buffer.sort(Comparator.naturalOrder());
        try {
            Files.createDirectories(directory);
            Path run = Files.createTempFile(directory, "run-", ".entries");
            runs.add(run);
            try (EntryFiles.Writer writer = new EntryFiles.Writer(Files.newOutputStream(run))) {
                buffer.forEach(writer::write);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a sort run under " + directory + ": " + e.getMessage(), e);
        }
        buffer = new ArrayList<>();
        buffered = 0;
    }

    /** A k-way merge: the smallest head among the runs comes next. */
    private EntrySource merge() {
        record Head(Entry entry, EntrySource run) {}
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::entry));
        for (Path run : runs) {
            try {
                EntrySource reader = new EntryFiles.Reader(Files.newInputStream(run));
                open.add(reader);
                reader.next().ifPresent(entry -> heads.add(new Head(entry, reader)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new EntrySource() {
            @Override
            public Optional<Entry> next() {
                Head head = heads.poll();
                if (head == null) {
                    return Optional.empty();
                }
                head.run().next().ifPresent(entry -> heads.add(new Head(entry, head.run())));
                return Optional.of(head.entry());
            }

            @Override
            public void close() {
                ExternalSort.this.close();
            }
        };
    }

    @Override
    public void close() {
        for (AutoCloseable reader : open) {
            try {
                reader.close();
            } catch (Exception e) {
                // Deleting the run below is what matters.
            }
        }
        open.clear();
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        runs.clear();
        buffer = new ArrayList<>();
    }
}
