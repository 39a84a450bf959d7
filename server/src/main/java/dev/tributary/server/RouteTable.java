package dev.tributary.server;

import dev.tributary.server.http.Access;
import dev.tributary.server.http.Route;
import dev.tributary.server.ops.HealthCheck;
import dev.tributary.server.ops.StatusHandler;
import java.util.List;

/** Every route the server answers, in one list read by the router, the API documentation and the access tests. */
public final class RouteTable {

    private RouteTable() {}

    static List<Route> routes(HealthCheck health) {
        return List.of(
                Route.get("/status.txt", Access.PUBLIC, "Health check for load balancers: OK, or 503 with the reason",
                        new StatusHandler(health)));
    }
}
