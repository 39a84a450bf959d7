package dev.tributary.protocol.identity;

/**
 * Creates or replaces an organization. {@code ssoDomain} lets everyone with an email at that domain sign in.
 * {@code issuer}, {@code clientId} and {@code clientSecret} give the organization its own OpenID Connect provider
 * (Okta, Keycloak, Entra ID); a client secret sent back as {@code ****} keeps its stored value. {@code recordLogging}
 * turns the record logs of the workspace's model syncs on or off (left out: unchanged).
 */
public record OrganizationRequest(String name, String ssoDomain, String issuer, String clientId, String clientSecret, Boolean recordLogging) {}
