package dev.tributary.server.http;

/** What a caller needs to be allowed through a route. Every route declares one. */
public enum Access {
    /** Anyone, signed in or not: the health check and sign-in pages. */
    PUBLIC
}
