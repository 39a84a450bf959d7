package dev.tributary.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingRedis;
import dev.tributary.server.testing.TestingServer;
import dev.tributary.server.testing.TestingTcpProxy;
import dev.tributary.server.testing.TwoOrganizations;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection catalogs cached in the real local Redis, reached through a proxy the test cuts and restores. */
class CatalogCacheIT {

    private static final String KEY = TestingServer.DEPLOYMENT_API_KEY;

    private final TestingRedis redis = new TestingRedis();
    private final TestingTcpProxy proxy = new TestingTcpProxy(TestingRedis.HOST, TestingRedis.PORT);
    private final TestingServer server = new TestingServer(Map.of(
            "REDIS_URL", TestingRedis.url(proxy.port()), "DEPLOYMENT", redis.deployment()));
    private final TwoOrganizations people = TwoOrganizations.create(server);
    private final TestingPostgres source = new TestingPostgres();
    private final String adminKey = people.adminA().apiKey();

    CatalogCacheIT() throws Exception {}

    @AfterEach
    void stop() throws Exception {
        source.close();
        server.close();
        proxy.close();
        redis.close();
    }

    @Test
    void aCatalogReadIsKeptInRedisAndLaterReadsAreServedFromItUntilARefresh() {
        source.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email text)");
        String id = createdConnection();
        String cached = redis.key(ConnectionService.catalogKey(UUID.fromString(people.adminA().organizationId()), UUID.fromString(id)));

        assertThat(objects(id)).containsExactly("public.customers");
        assertThat(redis.commands().get(cached)).contains("\"customers\"");
        assertThat(redis.commands().pttl(cached)).isBetween(1L, ConnectionService.CATALOG_TTL.toMillis());

        // Gone from the source and from PostgreSQL's copy: only Redis still knows the table.
        source.execute("DROP TABLE customers");
        source.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
        server.postgres().execute("UPDATE connections SET catalog = NULL, catalog_at = NULL WHERE id = '" + id + "'");
        assertThat(objects(id)).as("served from Redis").containsExactly("public.customers");

        assertThat(TestingServer.json(server.call("POST", "/api/connections/" + id + "/schemas/refresh", adminKey, null)).at("/data")
                .findValuesAsText("id")).containsExactly("public.orders");
        assertThat(objects(id)).containsExactly("public.orders");
        assertThat(redis.commands().get(cached)).contains("\"orders\"").doesNotContain("\"customers\"");
    }

    @Test
    void changingOrDeletingAConnectionDropsItsCachedCatalog() {
        source.execute("CREATE TABLE customers (id bigint PRIMARY KEY)");
        String id = createdConnection();
        String cached = redis.key(ConnectionService.catalogKey(UUID.fromString(people.adminA().organizationId()), UUID.fromString(id)));
        objects(id);
        assertThat(redis.commands().exists(cached)).isOne();

        assertThat(server.call("PATCH", "/api/connections/" + id, adminKey, "{\"name\": \"Renamed\", \"validate\": false}").statusCode())
                .isEqualTo(200);
        assertThat(redis.commands().exists(cached)).as("after a change").isZero();
        objects(id);
        assertThat(redis.commands().exists(cached)).isOne();
        assertThat(server.call("DELETE", "/api/connections/" + id, adminKey, null).statusCode()).isEqualTo(204);
        assertThat(redis.commands().exists(cached)).as("after deleting").isZero();
        assertThat(server.call("GET", "/api/connections/" + id + "/schemas", adminKey, null).statusCode()).isEqualTo(404);
    }

    @Test
    void whileRedisIsAwayTheServerWorksOnPostgresqlAloneSaysSoOnceAndRecoversByItself() throws Exception {
        source.execute("CREATE TABLE customers (id bigint PRIMARY KEY)");
        String id = createdConnection();
        String cached = redis.key(ConnectionService.catalogKey(UUID.fromString(people.adminA().organizationId()), UUID.fromString(id)));
        objects(id);
        String where = "Redis at 127.0.0.1:" + proxy.port();

        proxy.cut();
        source.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
        HttpResponse<String> refreshed = server.call("POST", "/api/connections/" + id + "/schemas/refresh", adminKey, null);
        List<List<String>> reads = List.of(objects(id), objects(id), objects(id));
        JsonNode health = TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data");
        HttpResponse<String> status = server.call("GET", "/status.txt", null, null);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(reads).as("read from PostgreSQL").allSatisfy(objects -> assertThat(objects).containsExactly("public.customers", "public.orders"));
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(part(health, "redis").get("status").asText()).isEqualTo("degraded");
        assertThat(part(health, "redis").get("detail").asText()).startsWith(where + " unreachable: ")
                .endsWith("; caching is off and the server works on PostgreSQL alone");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).isEqualTo("OK\n");
        assertThat(logged(where, "warn")).singleElement().asString().startsWith(where + " unreachable: ");

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                part(TestingServer.json(server.call("GET", "/api/admin/health", KEY, null)).at("/data"), "redis").get("status").asText().equals("ok"));
        assertThat(objects(id)).containsExactly("public.customers", "public.orders");

        assertThat(redis.commands().get(cached)).as("cached again").contains("\"orders\"");
        assertThat(logged(where, "info")).as("one line when Redis went away, one when it came back").satisfiesExactly(
                outage -> assertThat(outage).startsWith(where + " unreachable: "),
                recovery -> assertThat(recovery).isEqualTo(where + " reachable again; caching is back on"));
    }

    private String createdConnection() {
        String body = "{\"name\": \"Source\", \"type\": \"postgresql\", \"configuration\": {\"host\": \"" + TestingPostgres.HOST
                + "\", \"port\": " + TestingPostgres.PORT + ", \"database\": \"" + source.database() + "\", \"username\": \""
                + TestingPostgres.SUPERUSER + "\"}}";
        HttpResponse<String> created = server.call("POST", "/api/connections", adminKey, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestingServer.json(created).at("/data/id").asText();
    }

    private List<String> objects(String connection) {
        HttpResponse<String> response = server.call("GET", "/api/connections/" + connection + "/schemas", adminKey, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestingServer.json(response).at("/data").findValuesAsText("id");
    }

    /** The server's log lines that mention {@code text}, at {@code level} or above, read through the admin API. */
    private List<String> logged(String text, String level) {
        return TestingServer.json(server.call("GET", "/api/admin/logs?logger=dev.tributary&level=" + level + "&q="
                + URLEncoder.encode(text, StandardCharsets.UTF_8), KEY, null)).at("/data").findValuesAsText("message");
    }

    private static JsonNode part(JsonNode health, String name) {
        for (JsonNode part : health.get("parts")) {
            if (part.get("name").asText().equals(name)) {
                return part;
            }
        }
        throw new AssertionError("no part " + name + " in " + health);
    }
}
