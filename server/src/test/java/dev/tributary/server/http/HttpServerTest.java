package dev.tributary.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final AtomicBoolean onVirtualThread = new AtomicBoolean();
    private final HttpServer server = HttpServer.start("127.0.0.1", 0, List.of(
            Route.get("/hello", Access.PUBLIC, "greets", exchange -> {
                onVirtualThread.set(Thread.currentThread().isVirtual());
                HttpResponses.json(exchange, 200, new Greeting("hello", 2));
            }),
            Route.get("/invalid", Access.PUBLIC, "fails validation", exchange -> {
                throw TributaryException.invalid(List.of(new FieldError("name", "is required.")));
            }),
            Route.get("/broken", Access.PUBLIC, "has a bug", exchange -> {
                throw new IllegalStateException("internal detail /srv/secret/path");
            }),
            Route.get("/slow", Access.PUBLIC, "waits for the test", exchange -> {
                slowStarted.countDown();
                release.await();
                HttpResponses.text(exchange, 200, "finished");
            })), OPEN);

    /** No authentication: these tests are about the chain's plumbing, the access tests cover the gate. */
    private static final Gate OPEN = new Gate() {
        @Override
        public io.undertow.server.HttpHandler identify(io.undertow.server.HttpHandler router) {
            return router;
        }

        @Override
        public io.undertow.server.HttpHandler guard(Route route) {
            return route.handler();
        }
    };

    record Greeting(String greetingText, int count) {}

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    @Test
    void handlersRunOnVirtualThreadsAndAnswerSnakeCaseJson() throws Exception {
        HttpResponse<String> response = get("/hello");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(json(response).get("greeting_text").asText()).isEqualTo("hello");
        assertThat(onVirtualThread).isTrue();
    }

    @Test
    void unknownPathIsA404ProblemDocument() throws Exception {
        HttpResponse<String> response = get("/nowhere");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(json(response).get("status").asInt()).isEqualTo(404);
        assertThat(json(response).get("detail").asText()).contains("/nowhere");
    }

    @Test
    void wrongMethodIsA405ProblemDocument() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/hello"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json(response).get("title").asText()).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED.title());
    }

    @Test
    void besidesACatchAllPageRouteAnotherMethodOnAnUnknownPathIsStillA404() throws Exception {
        try (HttpServer pages = HttpServer.start("127.0.0.1", 0, List.of(
                Route.get("/hello", Access.PUBLIC, "greets", exchange -> HttpResponses.text(exchange, 200, "hello")),
                Route.get("/*", Access.PUBLIC, "pages", exchange -> HttpResponses.text(exchange, 200, "page"))), OPEN)) {
            URI base = URI.create("http://127.0.0.1:" + pages.port());
            HttpResponse<String> typo = client.send(HttpRequest.newBuilder(base.resolve("/api/typo")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrongMethod = client.send(HttpRequest.newBuilder(base.resolve("/hello")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(typo.statusCode()).isEqualTo(404);
            assertThat(json(typo).get("detail").asText()).contains("/api/typo");
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void validationErrorsNameTheField() throws Exception {
        HttpResponse<String> response = get("/invalid");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("is required.");
        assertThat(problem.get("detail").asText()).isEqualTo("name: is required.");
    }

    @Test
    void unexpectedFailuresAnswer500WithAnErrorIdAndNoInternals() throws Exception {
        HttpResponse<String> response = get("/broken");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(json(response).get("detail").asText()).containsPattern("error was logged with id [0-9a-f-]{36}");
        assertThat(response.body()).doesNotContain("IllegalStateException", "/srv/secret/path", "at dev.tributary");
    }

    @Test
    void shutdownLetsInFlightRequestsFinishAndRefusesNewOnes() throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
        slowStarted.await();

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(20)));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/hello").statusCode() == 503);
        assertThat(shutdown).isNotDone();

        release.countDown();
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        assertThat(inFlight.get().body()).isEqualTo("finished");
        shutdown.get();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }
}
