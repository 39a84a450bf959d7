package dev.tributary.protocol.modelsync;

/** A field of a model, with its canonical type (such as {@code int64} or {@code decimal(10,2)}) and the source's own type. */
public record ModelField(String name, String type, String remoteType) {}
