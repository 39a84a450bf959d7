package dev.tributary.protocol.identity;

/** Creates or replaces an organization; {@code ssoDomain} lets everyone with an email at that domain sign in. */
public record OrganizationRequest(String name, String ssoDomain) {}
