package dev.tributary.server.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotDiffTest {

    @TempDir
    Path work;

    @Test
    void anExternalSortWithATinyBudgetSortsEverythingThroughManyRunsAndCleansUp() throws IOException {
        Random random = new Random(7);
        List<String> identities = new ArrayList<>();
        try (ExternalSort sort = new ExternalSort(work.resolve("runs"), 64 * 1024)) {
            for (int i = 0; i < 200_000; i++) {
                String identity = "customer-" + random.nextInt(1_000_000_000) + "-ü";
                identities.add(identity);
                sort.add(entry(identity, "h", "{\"n\": " + i + "}"));
            }
            assertThat(sort.runs()).isGreaterThan(100);
            List<String> sorted = new ArrayList<>();
            try (EntrySource entries = sort.sorted()) {
                for (Optional<Entry> entry = entries.next(); entry.isPresent(); entry = entries.next()) {
                    sorted.add(entry.get().identityText());
                }
            }
            identities.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(sorted).isEqualTo(identities);
        }
        try (Stream<Path> left = Files.list(work.resolve("runs"))) {
            assertThat(left).as("runs deleted").isEmpty();
        }
    }

    @Test
    void theDiffFindsInsertsUpdatesDeletesAndUnchangedRecordsAsAMapWould() throws IOException {
        Random random = new Random(11);
        Map<String, String> previous = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            previous.put("id-" + random.nextInt(80_000), "v" + random.nextInt(3));
        }
        Map<String, String> current = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            current.put("id-" + random.nextInt(80_000), "v" + random.nextInt(3));
        }
        Path snapshot = work.resolve("snapshot");
        try (EntryFiles.Writer writer = new EntryFiles.Writer(Files.newOutputStream(snapshot))) {
            new TreeSet<>(previous.keySet()).forEach(id -> writer.write(entry(id, previous.get(id), "")));
        }
        Recorded found = new Recorded();

        try (ExternalSort sort = new ExternalSort(work.resolve("runs"), 256 * 1024);
             EntrySource before = new EntryFiles.Reader(Files.newInputStream(snapshot))) {
            current.forEach((id, value) -> sort.add(entry(id, value, "{\"id\": \"" + id + "\"}")));
            SnapshotDiff.compare(sort.sorted(), before, found);
        }

        assertThat(found.inserts).containsExactlyInAnyOrderElementsOf(current.keySet().stream().filter(id -> !previous.containsKey(id)).toList());
        assertThat(found.deletes).containsExactlyInAnyOrderElementsOf(previous.keySet().stream().filter(id -> !current.containsKey(id)).toList());
        assertThat(found.updates).containsExactlyInAnyOrderElementsOf(current.keySet().stream()
                .filter(id -> previous.containsKey(id) && !previous.get(id).equals(current.get(id))).toList());
        assertThat(found.unchanged).containsExactlyInAnyOrderElementsOf(current.keySet().stream()
                .filter(id -> current.get(id).equals(previous.get(id))).toList());
        assertThat(found.inserts).isNotEmpty();
        assertThat(found.deletes).isNotEmpty();
        assertThat(found.updates).isNotEmpty();
        assertThat(found.unchanged).isNotEmpty();
    }

    @Test
    void recordsSharingAnIdentityAreReportedTogetherAndTheirDestinationRecordIsLeftAlone() {
        Recorded found = new Recorded();
        ExternalSort current = new ExternalSort(work.resolve("runs"), 1 << 20);
        Stream.of(entry("a", "1", "x"), entry("b", "1", "first"), entry("c", "2", "y"), entry("b", "2", "second"), entry("d", "1", "z"),
                entry("d", "1", "again")).forEach(current::add);
        ExternalSort previous = new ExternalSort(work.resolve("previous"), 1 << 20);
        Stream.of(entry("b", "1", ""), entry("c", "1", ""), entry("e", "1", "")).forEach(previous::add);

        SnapshotDiff.compare(current.sorted(), previous.sorted(), found);

        assertThat(found.inserts).containsExactly("a");
        assertThat(found.updates).containsExactly("c");
        assertThat(found.deletes).containsExactly("e");
        assertThat(found.duplicates).containsExactly("b x2 previous=true", "d x2 previous=false");
    }

    @Test
    void entriesSurviveTheirFileFormat() throws IOException {
        Path file = work.resolve("entries");
        List<Entry> written = List.of(entry("ä", "hash", "{\"big\": \"" + "x".repeat(100_000) + "\"}"), entry("", "", ""));
        try (EntryFiles.Writer writer = new EntryFiles.Writer(Files.newOutputStream(file))) {
            written.forEach(writer::write);
        }
        List<Entry> read = new ArrayList<>();
        try (EntrySource reader = new EntryFiles.Reader(Files.newInputStream(file))) {
            reader.next().ifPresent(read::add);
            reader.next().ifPresent(read::add);
            assertThat(reader.next()).isEmpty();
        }
        assertThat(read).isEqualTo(written);
    }

    private static Entry entry(String identity, String hash, String payload) {
        return Entry.of(identity, hash.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Recorded implements SnapshotDiff.Changes {
        final List<String> inserts = new ArrayList<>();
        final List<String> updates = new ArrayList<>();
        final List<String> deletes = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> duplicates = new ArrayList<>();

        @Override
        public void insert(Entry current) {
            inserts.add(current.identityText());
        }

        @Override
        public void update(Entry current, Entry previous) {
            assertThat(current.sameIdentity(previous)).isTrue();
            updates.add(current.identityText());
        }

        @Override
        public void delete(Entry previous) {
            deletes.add(previous.identityText());
        }

        @Override
        public void unchanged(Entry current, Entry previous) {
            unchanged.add(current.identityText());
        }

        @Override
        public void duplicate(List<Entry> records, Optional<Entry> previous) {
            duplicates.add(records.getFirst().identityText() + " x" + records.size() + " previous=" + previous.isPresent());
        }
    }
}
