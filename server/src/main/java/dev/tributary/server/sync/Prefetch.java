package dev.tributary.server.sync;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Reads the next batches (or raw chunks) on a thread of its own while the current one is written, so that the source
 * and the destination work at the same time. At most {@link #AHEAD} wait in memory, which keeps memory flat.
 */
final class Prefetch<T> implements AutoCloseable {

    static final int AHEAD = 2;

    /** What the reading thread hands over: an item, the end of the read, or the failure that stopped it. */
    private sealed interface Item<T> {
        record Next<T>(T value) implements Item<T> {}

        record End<T>() implements Item<T> {}

        record Failed<T>(RuntimeException failure) implements Item<T> {}
    }

    private final BlockingQueue<Item<T>> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Supplier<Optional<T>> reader;
    private final Thread thread;

    /** @param reader the next item, or empty after the last */
    Prefetch(Supplier<Optional<T>> reader) {
        this.reader = reader;
        this.thread = Thread.ofVirtual().name("bulk-sync-read").start(this::readAll);
    }

    private void readAll() {
        try {
            try {
                for (Optional<T> item = reader.get(); item.isPresent(); item = reader.get()) {
                    queue.put(new Item.Next<>(item.get()));
                }
                queue.put(new Item.End<>());
            } catch (RuntimeException failure) {
                // Handed over after the items read before it, which are still written.
                queue.put(new Item.Failed<>(failure));
            }
        } catch (InterruptedException stopped) {
            // The writing side stopped: nothing more is wanted.
        }
    }

    /** The next item in order, or empty at the end; a failure of the read is thrown here, on the writing side. */
    Optional<T> next() throws InterruptedException {
        return switch (queue.take()) {
            case Item.Next<T> next -> Optional.of(next.value());
            case Item.End<T> end -> Optional.empty();
            case Item.Failed<T> failed -> throw failed.failure();
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
