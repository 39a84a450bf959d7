package dev.tributary.protocol.identity;

/** The console trades the one-time code from its loopback redirect, with its PKCE verifier, for an admin token. */
public record ConsoleTokenRequest(String code, String codeVerifier, String redirectUri) {}
