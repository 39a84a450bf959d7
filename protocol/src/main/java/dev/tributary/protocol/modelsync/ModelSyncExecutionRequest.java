package dev.tributary.protocol.modelsync;

/** Starts a run: {@code resync} sends every record again; {@code test} is a dry run that writes nothing and counts what it would do. */
public record ModelSyncExecutionRequest(Boolean resync, Boolean test) {}
