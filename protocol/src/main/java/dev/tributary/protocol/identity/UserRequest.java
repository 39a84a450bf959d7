package dev.tributary.protocol.identity;

/** Adds a user to an organization, or changes their role. */
public record UserRequest(String email, String role) {}
