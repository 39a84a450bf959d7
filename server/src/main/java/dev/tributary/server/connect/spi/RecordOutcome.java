package dev.tributary.server.connect.spi;

/** What a {@link ModelWriter} did with one record of a batch. */
public sealed interface RecordOutcome {

    RecordOutcome INSERTED = new Inserted();
    RecordOutcome UPDATED = new Updated();
    RecordOutcome DELETED = new Deleted();

    record Inserted() implements RecordOutcome {}

    record Updated() implements RecordOutcome {}

    record Deleted() implements RecordOutcome {}

    /** The record needed nothing done, as its operation says (an update of an identity the destination lacks, ...). */
    record Skipped(SkipReason reason) implements RecordOutcome {
        public Skipped {
            java.util.Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The destination refused the record; nothing of it was written.
     *
     * @param field the field at fault when known, else empty
     * @param message why, in the destination's own words where it gave them; the value itself is not repeated
     */
    record Rejected(String field, String message) implements RecordOutcome {
        public Rejected {
            java.util.Objects.requireNonNull(field, "field");
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    static RecordOutcome skipped(SkipReason reason) {
        return new Skipped(reason);
    }

    enum SkipReason {
        /** An update or delete of an identity the destination does not have. */
        NOT_IN_DESTINATION("identity not in the destination"),
        /** An insert of an identity the destination already has. */
        ALREADY_IN_DESTINATION("already in the destination"),
        /** A later record of the same batch has the same identity, and it is the one applied. */
        SUPERSEDED_IN_BATCH("a later record of the batch has the same identity");

        private final String description;

        SkipReason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
