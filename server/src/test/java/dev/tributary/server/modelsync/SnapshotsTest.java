package dev.tributary.server.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.blob.BlobStore;
import dev.tributary.server.blob.BlobStores;
import dev.tributary.server.config.BlobLocation;
import dev.tributary.server.connect.spi.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {

    @TempDir
    Path work;

    @Test
    void hashesAgreeOnEqualValuesAndTellNullFromEmptyAndNeighboursApart() {
        assertThat(Snapshots.hash(new Row(new BigDecimal("10.50"), "a"))).isEqualTo(Snapshots.hash(new Row(new BigDecimal("10.5"), "a")));
        assertThat(Snapshots.hash(new Row((Object) null))).isNotEqualTo(Snapshots.hash(new Row("")));
        assertThat(Snapshots.hash(new Row("ab", "c"))).isNotEqualTo(Snapshots.hash(new Row("a", "bc")));
        assertThat(Snapshots.hash(new Row(1L, "x"))).hasSize(16).isNotEqualTo(Snapshots.hash(new Row(2L, "x")));
    }

    @Test
    void aCommittedSnapshotIsReadBackAndReplacesTheOneOfAnEarlierConfiguration() {
        try (BlobStore store = BlobStores.open(BlobLocation.of(work.resolve("payloads")))) {
            Snapshots snapshots = new Snapshots(store);
            UUID sync = UUID.randomUUID();
            String first = Snapshots.fingerprint("{\"mode\": \"updateOrCreate\"}");
            String second = Snapshots.fingerprint("{\"mode\": \"replace\"}");
            assertThat(read(snapshots.previous(sync, first))).isEmpty();

            try (Snapshots.Draft draft = snapshots.draft(sync, first, work.resolve("drafts"))) {
                draft.add(entry("a", "payload is not kept"));
                draft.add(entry("b", "x"));
                draft.commit();
            }
            assertThat(read(snapshots.previous(sync, first))).containsExactly("a", "b");
            assertThat(read(snapshots.previous(sync, second))).as("another configuration starts over").isEmpty();

            try (Snapshots.Draft abandoned = snapshots.draft(sync, first, work.resolve("drafts"))) {
                abandoned.add(entry("z", ""));
            }
            assertThat(read(snapshots.previous(sync, first))).as("a draft closed without commit changes nothing").containsExactly("a", "b");

            try (Snapshots.Draft draft = snapshots.draft(sync, second, work.resolve("drafts"))) {
                draft.add(entry("c", ""));
                draft.commit();
            }
            assertThat(store.list("model-syncs/" + sync + "/")).containsExactly("model-syncs/" + sync + "/snapshot-" + second);
            assertThat(read(snapshots.previous(sync, second))).containsExactly("c");

            snapshots.forget(sync);
            assertThat(store.list("model-syncs/" + sync + "/")).isEmpty();
        }
        assertThat(work.resolve("drafts").toFile().list()).as("drafts deleted").isEmpty();
    }

    private static Entry entry(String identity, String payload) {
        return Entry.of(identity, Snapshots.hash(new Row(identity)), payload.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> read(EntrySource source) {
        List<String> identities = new ArrayList<>();
        try (source) {
            for (Optional<Entry> entry = source.next(); entry.isPresent(); entry = source.next()) {
                assertThat(entry.get().payload()).isEmpty();
                identities.add(entry.get().identityText());
            }
        }
        return identities;
    }
}
