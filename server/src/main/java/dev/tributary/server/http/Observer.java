package dev.tributary.server.http;

import io.undertow.server.HttpHandler;

/** Watches every request on the virtual thread that serves it (request ids, traces, metrics), outside the error handling. */
public interface Observer {

    Observer NONE = next -> next;

    HttpHandler observe(HttpHandler next);
}
