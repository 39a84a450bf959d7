package dev.tributary.server.modelsync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a run's records with the last run's snapshot in one merge pass over both, each sorted by identity: what is
 * new, what changed, what went away, what stayed the same. Memory holds one identity's records at a time.
 */
public final class SnapshotDiff {

    private SnapshotDiff() {}

    /** What the comparison finds, record by record, in identity order. */
    public interface Changes {

        void insert(Entry current);

        void update(Entry current, Entry previous);

        void delete(Entry previous);

        void unchanged(Entry current, Entry previous);

        /**
         * Several model records share one identity: none of them can be matched, so each is reported as an error and
         * the destination's record (if {@code previous} is there) is left as it is.
         */
        void duplicate(List<Entry> records, Optional<Entry> previous);
    }

    public static void compare(EntrySource current, EntrySource previous, Changes changes) {
        Optional<Entry> before = previous.next();
        Optional<Entry> now = current.next();
        while (now.isPresent()) {
            List<Entry> group = new ArrayList<>(List.of(now.get()));
            now = current.next();
            while (now.isPresent() && now.get().sameIdentity(group.getFirst())) {
                group.add(now.get());
                now = current.next();
            }
            Entry record = group.getFirst();
            while (before.isPresent() && before.get().compareTo(record) < 0) {
                changes.delete(before.get());
                before = previous.next();
            }
            Optional<Entry> match = before.filter(entry -> entry.sameIdentity(record));
            if (match.isPresent()) {
                before = previous.next();
            }
            if (group.size() > 1) {
                changes.duplicate(group, match);
            } else if (match.isEmpty()) {
                changes.insert(record);
            } else if (match.get().sameHash(record)) {
                changes.unchanged(record, match.get());
            } else {
                changes.update(record, match.get());
            }
        }
        while (before.isPresent()) {
            changes.delete(before.get());
            before = previous.next();
        }
    }
}
