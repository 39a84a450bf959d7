package dev.tributary.server.notify;

import dev.tributary.server.connect.net.AddressGuard;
import dev.tributary.server.secrets.SecretsCipher;
import dev.tributary.server.store.NotificationDelivery;
import dev.tributary.server.store.Store;
import dev.tributary.server.store.Webhook;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: webhook calls and emails that are due. Each row is claimed with {@code FOR UPDATE SKIP LOCKED} and
 * kept locked while it is sent, so that any number of workers share the outbox and no row is sent by two at once. A
 * failed attempt is retried after 30 s, 1, 2, 4 and 8 min (five retries), then the row is marked {@code failed} with
 * its last error. Times come from the injected clock.
 */
public final class Deliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /** The wait before each retry; after the last one the delivery is given up. */
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(4), Duration.ofMinutes(8));
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Enough of a refusing endpoint's answer to tell why, without storing whatever it sent. */
    private static final int ERROR_BODY_CHARS = 300;
    private static final String CLAIM = "SELECT * FROM notification_deliveries WHERE state = 'pending' AND next_attempt_at <= :now"
            + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED";

    private final Store store;
    private final Webhooks webhooks;
    private final Optional<Mailer> mailer;
    private final Clock clock;
    private final HttpClient http;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread loop;
    private String lastLoopFailure;

    public Deliveries(Store store, SecretsCipher cipher, Optional<Mailer> mailer, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.webhooks = new Webhooks(store, cipher, clock);
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Redirects are not followed: an endpoint that was checked when saved could otherwise send deliveries anywhere.
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends every delivery that is due now, one at a time; returns how many attempts were made. */
    public int deliverDue() {
        int attempts = 0;
        while (stopping.getCount() > 0 && store.inTransaction(this::deliverOne)) {
            attempts++;
        }
        return attempts;
    }

    private boolean deliverOne(Session session) {
        List<NotificationDelivery> due = session.createNativeQuery(CLAIM, NotificationDelivery.class)
                .setParameter("now", clock.instant())
                .getResultList();
        if (due.isEmpty()) {
            return false;
        }
        NotificationDelivery delivery = due.getFirst();
        Outcome outcome;
        try {
            outcome = switch (delivery.kind()) {
                case NotificationDelivery.WEBHOOK -> post(session, delivery);
                case NotificationDelivery.EMAIL -> email(delivery);
                default -> new Outcome.Refused("unknown kind of delivery '" + delivery.kind() + "'");
            };
        } catch (RuntimeException e) {
            // Counted as an attempt, so that one delivery that cannot be prepared (an unreadable secret) never blocks the others.
            outcome = new Outcome.Failed(e.getMessage());
        }
        Instant now = clock.instant();
        switch (outcome) {
            case Outcome.Delivered delivered -> delivery.delivered(now);
            case Outcome.Failed failed -> {
                Optional<Instant> retryAt = delivery.attempts() < BACKOFF.size()
                        ? Optional.of(now.plus(BACKOFF.get(delivery.attempts())))
                        : Optional.empty();
                delivery.attemptFailed(failed.error(), retryAt, now);
                log.warn("{} delivery {} failed (attempt {}): {}; {}", delivery.kind(), delivery.id(), delivery.attempts(), failed.error(),
                        retryAt.map(at -> "trying again at " + at).orElse("giving up"));
            }
            case Outcome.Refused refused -> {
                delivery.attemptFailed(refused.error(), Optional.empty(), now);
                log.warn("{} delivery {} given up: {}", delivery.kind(), delivery.id(), refused.error());
            }
        }
        return true;
    }

    /** How an attempt ended. */
    private sealed interface Outcome {
        record Delivered() implements Outcome {}

        /** Worth trying again later: the receiver was down, slow or answered an error. */
        record Failed(String error) implements Outcome {}

        /** Trying again cannot help. */
        record Refused(String error) implements Outcome {}
    }

    private Outcome post(Session session, NotificationDelivery delivery) {
        Webhook webhook = session.find(Webhook.class, delivery.webhookId().orElseThrow());
        if (webhook == null) {
            return new Outcome.Refused("the webhook was deleted");
        }
        URI endpoint = URI.create(webhook.endpoint());
        // Checked again at each attempt: the name may resolve elsewhere now than when the webhook was saved.
        Optional<String> refusal = AddressGuard.refusal("The webhook's endpoint", endpoint.getHost());
        if (refusal.isPresent()) {
            return new Outcome.Failed(refusal.get());
        }
        String body = delivery.body();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Tributary-Webhooks/1")
                .header("Tributary-Event-Id", delivery.eventId().orElseThrow().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.sign(webhooks.secret(webhook), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream answer = response.body()) {
                if (response.statusCode() / 100 == 2) {
                    return new Outcome.Delivered();
                }
                String text = new String(answer.readNBytes(ERROR_BODY_CHARS), StandardCharsets.UTF_8).strip();
                return new Outcome.Failed(shown(endpoint) + " answered HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + text));
            }
        } catch (HttpTimeoutException e) {
            return new Outcome.Failed(shown(endpoint) + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Outcome.Failed(shown(endpoint) + " could not be reached: "
                    + (e instanceof ConnectException ? "the connection was refused or timed out" : e.getClass().getSimpleName() + " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("stopped while sending to " + shown(endpoint));
        }
    }

    private Outcome email(NotificationDelivery delivery) {
        if (mailer.isEmpty()) {
            return new Outcome.Refused("email is off on this server: set SMTP_HOST (and SMTP_FROM) to send it");
        }
        try {
            mailer.get().send(delivery.recipient().orElseThrow(), delivery.subject().orElseThrow(), delivery.body());
            return new Outcome.Delivered();
        } catch (MessagingException e) {
            return new Outcome.Failed("the SMTP server refused or could not be reached: " + e.getMessage());
        }
    }

    /** An endpoint as messages name it: without its query, which may carry a token. */
    private static String shown(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority() + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
    }

    /** Sends due deliveries about every second on a background thread, until {@link #close()}. */
    public synchronized void start() {
        if (loop == null) {
            loop = Thread.ofPlatform().name("tributary-deliveries").daemon().start(this::run);
        }
    }

    private void run() {
        try {
            do {
                try {
                    deliverDue();
                    if (lastLoopFailure != null) {
                        log.info("Sending notifications works again");
                        lastLoopFailure = null;
                    }
                } catch (RuntimeException e) {
                    // Said once, not every second, while the database is away.
                    if (!Objects.equals(lastLoopFailure, e.getMessage())) {
                        log.warn("Cannot send notifications now: {}; trying again every {} s", e.getMessage(), POLL.toSeconds());
                        lastLoopFailure = e.getMessage();
                    }
                }
            } while (!stopping.await(POLL.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the loop after the delivery in flight, if any (at most a request timeout). */
    @Override
    public void close() {
        stopping.countDown();
        Thread running;
        synchronized (this) {
            running = loop;
        }
        if (running != null) {
            try {
                running.join(TIMEOUT.plusSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
    }
}
