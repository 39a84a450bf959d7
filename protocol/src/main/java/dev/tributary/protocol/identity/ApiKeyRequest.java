package dev.tributary.protocol.identity;

/** Creates an API key; the name says what it is for. */
public record ApiKeyRequest(String name) {}
