package dev.tributary.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.notify.EventResponse;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.Json;
import dev.tributary.server.secrets.SecretsCipher;
import dev.tributary.server.store.Event;
import dev.tributary.server.store.GlobalErrorSubscribers;
import dev.tributary.server.store.NotificationDelivery;
import dev.tributary.server.store.Store;
import dev.tributary.server.store.Webhook;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Events and what they set off. An event is recorded in the transaction that changes an execution's status, and in
 * that same transaction its webhook calls and emails are queued in the outbox, so that a status change is never
 * announced without having happened, nor happens without being announced. {@link Deliveries} sends the outbox.
 */
public final class Notifications {

    /** How long events are kept, and finished deliveries too. */
    public static final Duration RETENTION = Duration.ofHours(48);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private static final int MAX_SUBSCRIBERS = 100;

    private final Store store;
    private final Webhooks webhooks;
    private final Optional<Mailer> mailer;
    private final Clock clock;

    public Notifications(Store store, SecretsCipher cipher, Optional<Mailer> mailer, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.webhooks = new Webhooks(store, cipher, clock);
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The organizations' webhooks. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /**
     * Records an event inside the caller's transaction, and queues in it one webhook delivery per webhook of the
     * organization that is not paused and, for failures ({@code *.failed}), one email per global error subscriber.
     *
     * @param type one of {@link EventType}, such as {@code bulk_sync.failed}
     * @param data the execution it is about: {@code execution_id}, {@code sync_id} or {@code bulk_sync_id}, {@code name},
     *     {@code status}, {@code error}
     * @throws IllegalArgumentException for a type that is not one of {@link EventType}
     */
    public void record(Session session, UUID organizationId, String type, Map<String, Object> data) {
        EventType eventType = EventType.of(type).orElseThrow(() -> new IllegalArgumentException(
                "'" + type + "' is not an event type; the types are " + EventType.ids()));
        // Truncated as PostgreSQL stores it, so that page tokens made from this instant match the stored rows.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Event event = new Event(UUID.randomUUID(), organizationId, eventType.id(), json(data), now);
        session.persist(event);
        String body = json(response(event));
        session.createSelectionQuery("from Webhook w where w.organizationId = :org and w.paused = false", Webhook.class)
                .setParameter("org", organizationId)
                .getResultList()
                .forEach(webhook -> session.persist(NotificationDelivery.webhook(organizationId, webhook.id(), event.id(), body, now)));
        if (eventType.failure()) {
            mailer.ifPresent(mail -> email(session, organizationId, Optional.of(event.id()),
                    AlertEmails.forEvent(eventType, data, mail.appUrl()), now));
        }
    }

    /**
     * Queues, inside the caller's transaction, the email that says a run has gone on for longer than LONGSYNC_THRESHOLD,
     * one per global error subscriber of the organization.
     *
     * @param executionPath the run's page, as a path under POLYTOMIC_URL such as {@code /bulk/syncs/ID/executions/ID}
     * @param data the execution it is about, as for {@link #record}; {@code bulk_sync_id} makes it a bulk sync
     */
    public void longRunning(Session session, UUID organizationId, String syncName, String executionPath, Duration runningFor,
            Map<String, Object> data) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        mailer.ifPresent(mail -> email(session, organizationId, Optional.empty(),
                AlertEmails.longRunning(syncName, executionPath, runningFor, data, mail.appUrl()), now));
    }

    private void email(Session session, UUID organizationId, Optional<UUID> eventId, AlertEmails.Email email, Instant now) {
        for (String recipient : subscribers(session, organizationId)) {
            session.persist(NotificationDelivery.email(organizationId, eventId, recipient, email.subject(), email.body(), now));
        }
    }

    /** Whether the server can send email at all (SMTP_HOST is set). */
    public boolean emailEnabled() {
        return mailer.isPresent();
    }

    /** Deletes the events, and the finished deliveries, older than {@link #RETENTION}; returns how many events went. */
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(RETENTION);
        return store.inTransaction(session -> {
            session.createMutationQuery("delete from NotificationDelivery d where d.state <> :pending and d.updatedAt < :cutoff")
                    .setParameter("pending", NotificationDelivery.PENDING)
                    .setParameter("cutoff", cutoff)
                    .executeUpdate();
            return session.createMutationQuery("delete from Event e where e.createdAt < :cutoff")
                    .setParameter("cutoff", cutoff)
                    .executeUpdate();
        });
    }

    // --- events ---

    /** Which events to list: all filters optional; {@code after} continues a previous page. */
    public record EventQuery(Optional<EventType> type, Optional<Instant> startingAfter, Optional<Instant> endingBefore,
            Optional<PageToken> after, int limit) {}

    /** Where a page ended: events come newest first, ordered by creation time and then id. */
    public record PageToken(Instant createdAt, UUID id) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** The token, or empty when it is not one this server made. */
        public static Optional<PageToken> decode(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                return Optional.of(new PageToken(Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** One page of events and, when more follow, the token of the next page. */
    public record EventPage(List<EventResponse> events, Optional<String> nextPageToken) {}

    /** The organization's events, newest first. */
    public EventPage events(UUID organizationId, EventQuery query) {
        StringBuilder hql = new StringBuilder("from Event e where e.organizationId = :org");
        query.type().ifPresent(type -> hql.append(" and e.type = :type"));
        query.startingAfter().ifPresent(at -> hql.append(" and e.createdAt > :startingAfter"));
        query.endingBefore().ifPresent(at -> hql.append(" and e.createdAt < :endingBefore"));
        query.after().ifPresent(token -> hql.append(" and (e.createdAt < :afterAt or e.createdAt = :afterAt and e.id < :afterId)"));
        hql.append(" order by e.createdAt desc, e.id desc");
        List<Event> events = store.inTransaction(session -> {
            var select = session.createSelectionQuery(hql.toString(), Event.class).setParameter("org", organizationId);
            query.type().ifPresent(type -> select.setParameter("type", type.id()));
            query.startingAfter().ifPresent(at -> select.setParameter("startingAfter", at));
            query.endingBefore().ifPresent(at -> select.setParameter("endingBefore", at));
            query.after().ifPresent(token -> select.setParameter("afterAt", token.createdAt()).setParameter("afterId", token.id()));
            return select.setMaxResults(query.limit() + 1).getResultList();
        });
        List<Event> page = events.subList(0, Math.min(events.size(), query.limit()));
        Optional<String> next = events.size() > query.limit()
                ? Optional.of(new PageToken(page.getLast().createdAt(), page.getLast().id()).encode())
                : Optional.empty();
        return new EventPage(page.stream().map(Notifications::response).toList(), next);
    }

    /** An event as the API lists it and as webhooks receive it. */
    static EventResponse response(Event event) {
        try {
            return new EventResponse(event.id(), event.organizationId(), event.type(), event.createdAt(),
                    Json.mapper().readValue(event.data(), MAP));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- global error subscribers ---

    public List<String> subscribers(UUID organizationId) {
        return store.inTransaction(session -> subscribers(session, organizationId));
    }

    private static List<String> subscribers(Session session, UUID organizationId) {
        return Optional.ofNullable(session.find(GlobalErrorSubscribers.class, organizationId))
                .map(GlobalErrorSubscribers::emails).orElse(List.of());
    }

    /** Replaces the subscribers; every address is checked, and a 400 names each bad one by its index. */
    public List<String> replaceSubscribers(UUID organizationId, List<String> emails) {
        if (emails.size() > MAX_SUBSCRIBERS) {
            throw TributaryException.invalid(List.of(new FieldError("emails", "lists " + emails.size() + " addresses; at most "
                    + MAX_SUBSCRIBERS + " may be subscribed. Subscribe a mailing list instead.")));
        }
        List<FieldError> errors = new ArrayList<>();
        LinkedHashSet<String> valid = new LinkedHashSet<>();
        for (int index = 0; index < emails.size(); index++) {
            String email = emails.get(index) == null ? "" : emails.get(index).trim();
            if (Mailer.plainAddress(email)) {
                valid.add(email.toLowerCase(Locale.ROOT));
            } else {
                errors.add(new FieldError("emails[" + index + "]", "'" + email + "' is not an email address such as ada@example.com."));
            }
        }
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
        List<String> subscribers = List.copyOf(valid);
        Instant now = clock.instant();
        store.inTransaction(session -> {
            GlobalErrorSubscribers stored = session.find(GlobalErrorSubscribers.class, organizationId);
            if (stored == null) {
                session.persist(new GlobalErrorSubscribers(organizationId, subscribers, now));
            } else {
                stored.replace(subscribers, now);
            }
            return null;
        });
        return subscribers;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
