package dev.tributary.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressTickerTest {

    @Test
    void changesAreSavedBesideTheCopyAndManyChangesInAPauseOnce() {
        AtomicInteger saves = new AtomicInteger();
        try (ProgressTicker ticker = new ProgressTicker(saves::incrementAndGet)) {
            ticker.changed();
            await().atMost(Duration.ofSeconds(10)).until(() -> saves.get() == 1);
            for (int i = 0; i < 100; i++) {
                ticker.changed();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> saves.get() == 2);
        }
        assertThat(saves.get()).as("the hundred changes made during the pause, saved once").isEqualTo(2);
    }

    @Test
    void nothingIsSavedWithoutAChange() {
        AtomicInteger saves = new AtomicInteger();
        new ProgressTicker(saves::incrementAndGet).close();

        assertThat(saves.get()).isZero();
    }

    @Test
    void aFailedSaveStopsTheCopyAtItsNextBatch() {
        AtomicInteger saves = new AtomicInteger();
        try (ProgressTicker ticker = new ProgressTicker(() -> {
            saves.incrementAndGet();
            throw new IllegalStateException("the lease was taken over");
        })) {
            ticker.changed();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(ticker::changed).isInstanceOf(IllegalStateException.class).hasMessage("the lease was taken over"));
        }
        assertThat(saves.get()).isEqualTo(1);
    }
}
