package dev.tributary.protocol.bulk;

import java.util.List;

/** Starts a run: {@code resync} copies everything again; {@code schemas} limits the run to some of the sync's tables. */
public record BulkExecutionRequest(Boolean resync, List<String> schemas) {}
