package dev.tributary.server.sync;

import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordReader;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the next batches on a thread of its own while the current one is written, so that the source and the
 * destination work at the same time. At most {@link #AHEAD} batches wait in memory, which keeps memory flat.
 */
final class Prefetch implements AutoCloseable {

    static final int AHEAD = 2;

    /** What the reading thread hands over: a batch, the end of the read, or the failure that stopped it. */
    private sealed interface Item {
        record Batch(RecordBatch batch) implements Item {}

        record End() implements Item {}

        record Failed(RuntimeException failure) implements Item {}
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(AHEAD);
    private final RecordReader reader;
    private final Thread thread;

    Prefetch(RecordReader reader) {
        this.reader = reader;
        this.thread = Thread.ofVirtual().name("bulk-sync-read").start(this::readAll);
    }

    private void readAll() {
        try {
            try {
                for (Optional<RecordBatch> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                    queue.put(new Item.Batch(batch.get()));
                }
                queue.put(new Item.End());
            } catch (RuntimeException failure) {
                // Handed over after the batches read before it, which are still written.
                queue.put(new Item.Failed(failure));
            }
        } catch (InterruptedException stopped) {
            // The writing side stopped: nothing more is wanted.
        }
    }

    /** The next batch in order, or empty at the end; a failure of the read is thrown here, on the writing side. */
    Optional<RecordBatch> next() throws InterruptedException {
        return switch (queue.take()) {
            case Item.Batch batch -> Optional.of(batch.batch());
            case Item.End end -> Optional.empty();
            case Item.Failed failed -> throw failed.failure();
        };
    }

    /** Stops reading ahead and waits for the reading thread, so the reader can be closed safely. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
