package dev.tributary.server.connect.http;

import static dev.tributary.server.connect.http.HttpConnectorFactory.MAX_RETRIES;
import static dev.tributary.server.connect.http.HttpConnectorFactory.RATE_LIMIT;

import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.RetriableConnectorException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Sends the requests of one writer: at most {@code rate_limit} a second, and each request answered 429 or 5xx, or not
 * answered, is sent again as it was (same Idempotency-Key) after a growing wait or the one the endpoint asks for, up
 * to {@code max_retries} times.
 */
final class RetryingSender {

    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

    private final HttpConnector connector;
    private final HttpClient client;
    private final Sleeper sleeper;
    private final InstantSource clock;
    private final String object;
    private Instant nextRequest = Instant.MIN;

    /** @param object what the requests carry records for, in messages */
    RetryingSender(HttpConnector connector, HttpClient client, Sleeper sleeper, InstantSource clock, String object) {
        this.connector = connector;
        this.client = client;
        this.sleeper = sleeper;
        this.clock = clock;
        this.object = object;
    }

    /** The first answer that is neither 429 nor 5xx; a retriable failure once the retries are spent. */
    HttpResponse<String> send(HttpRequest request) {
        long retries = connector.integer(MAX_RETRIES);
        for (int attempt = 0; ; attempt++) {
            pace();
            Duration wait;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status != 429 && status < 500) {
                    return response;
                }
                if (attempt >= retries) {
                    throw new RetriableConnectorException(connector.endpoint() + " answered HTTP " + status + " " + (attempt + 1)
                            + " times for " + object + body(response) + "; the batch can be written again later.", null);
                }
                wait = retryAfter(response).orElse(backoff(attempt));
            } catch (IOException e) {
                if (attempt >= retries) {
                    throw new RetriableConnectorException("No answer from " + connector.endpoint() + " after " + (attempt + 1) + " attempts ("
                            + e.getClass().getSimpleName() + "); check the url and timeout_seconds, or write the batch again later.", e);
                }
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            sleep(wait);
        }
    }

    /** The response's text, shortened and with secrets blanked, after a colon; empty when there is none. */
    String body(HttpResponse<String> response) {
        String text = response.body() == null ? "" : response.body().strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + connector.redact(text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    private static Duration backoff(int attempt) {
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(attempt, 16));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** Retry-After as seconds or as an HTTP date. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException notSeconds) {
                try {
                    return Optional.of(Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }).map(wait -> wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait);
    }

    /** Keeps requests at most {@code rate_limit} per second apart. */
    private void pace() {
        long perSecond = connector.integer(RATE_LIMIT);
        if (perSecond == 0) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextRequest)) {
            sleep(Duration.between(now, nextRequest));
            now = nextRequest;
        }
        nextRequest = now.plusNanos(1_000_000_000L / perSecond);
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private ConnectorException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ConnectorException("Delivering records for " + object + " to " + connector.endpoint() + " was interrupted.", e);
    }
}
