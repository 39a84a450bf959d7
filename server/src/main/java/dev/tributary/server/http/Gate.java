package dev.tributary.server.http;

import io.undertow.server.HttpHandler;

/** Who may pass: the authentication in front of the router, and the access check in front of each route. */
public interface Gate {

    /** Wraps the router: identifies the caller (and answers CORS) before any route runs. */
    HttpHandler identify(HttpHandler router);

    /** Wraps one route's handler: refuses callers that lack the route's {@link Access}. */
    HttpHandler guard(Route route);
}
