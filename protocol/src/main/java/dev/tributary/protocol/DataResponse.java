package dev.tributary.protocol;

/** The envelope of a response carrying one object: {@code {"data": {...}}}. */
public record DataResponse<T>(T data) {}
