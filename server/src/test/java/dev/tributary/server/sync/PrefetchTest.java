package dev.tributary.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.Row;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetchTest {

    private static final List<Field> FIELDS = List.of(Field.of("id", CanonicalType.INT64, false, true));

    /** A reader of {@code count} one-record batches that then fails, or ends, and counts how far it was read. */
    private static final class CountingReader implements RecordReader {
        final AtomicInteger read = new AtomicInteger();
        private final int count;
        private final boolean failAtEnd;

        CountingReader(int count, boolean failAtEnd) {
            this.count = count;
            this.failAtEnd = failAtEnd;
        }

        @Override
        public Optional<RecordBatch> next() {
            int index = read.incrementAndGet();
            if (index > count) {
                if (failAtEnd) {
                    throw new IllegalStateException("connection lost after " + count + " batches");
                }
                return Optional.empty();
            }
            return Optional.of(new RecordBatch(FIELDS, List.of(new Row((long) index)), new Checkpoint(Map.of("id", Long.toString(index)))));
        }

        @Override
        public void close() {}
    }

    @Test
    void batchesArriveInOrderThenTheEnd() throws Exception {
        try (Prefetch<RecordBatch> ahead = new Prefetch<>(new CountingReader(5, false)::next)) {
            for (long id = 1; id <= 5; id++) {
                assertThat(ahead.next()).hasValueSatisfying(batch -> assertThat(batch.rows()).hasSize(1));
            }
            assertThat(ahead.next()).isEmpty();
        }
    }

    @Test
    void aReadFailureComesAfterTheBatchesReadBeforeIt() throws Exception {
        try (Prefetch<RecordBatch> ahead = new Prefetch<>(new CountingReader(3, true)::next)) {
            for (int batch = 1; batch <= 3; batch++) {
                assertThat(ahead.next()).isPresent();
            }
            assertThatThrownBy(ahead::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("after 3 batches");
        }
    }

    @Test
    void itReadsOnlyABoundedNumberOfBatchesAheadAndStopsWhenClosed() throws Exception {
        CountingReader reader = new CountingReader(1_000, false);
        Prefetch<RecordBatch> ahead = new Prefetch<>(reader::next);
        assertThat(ahead.next()).isPresent();

        ahead.close();

        assertThat(reader.read.get()).as("batches taken from the source").isLessThanOrEqualTo(1 + Prefetch.AHEAD + 1);
    }
}
