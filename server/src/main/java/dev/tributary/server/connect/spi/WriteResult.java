package dev.tributary.server.connect.spi;

import java.util.List;

/** What a committed batch did: records written, and the records refused with their reasons. */
public record WriteResult(long written, List<RecordError> rejected) {

    public WriteResult {
        rejected = List.copyOf(rejected);
    }
}
