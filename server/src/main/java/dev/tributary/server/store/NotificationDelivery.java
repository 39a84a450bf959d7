package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One webhook call or one email in the outbox. It is queued in the transaction that recorded its cause, then sent,
 * retried with backoff while it fails, and ends {@code delivered} or {@code failed} with the last error.
 */
@Entity
@Table(name = "notification_deliveries")
public class NotificationDelivery {

    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String kind;

    @Column(name = "event_id")
    private UUID eventId;

    @Column(name = "webhook_id")
    private UUID webhookId;

    private String recipient;

    private String subject;

    @Column(nullable = false)
    private String body;

    @Column(nullable = false)
    private String state;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected NotificationDelivery() {}

    private NotificationDelivery(UUID organizationId, String kind, String body, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.kind = kind;
        this.body = body;
        this.state = PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A POST of {@code body} (the event as JSON) to a webhook. */
    public static NotificationDelivery webhook(UUID organizationId, UUID webhookId, UUID eventId, String body, Instant now) {
        NotificationDelivery delivery = new NotificationDelivery(organizationId, WEBHOOK, body, now);
        delivery.webhookId = webhookId;
        delivery.eventId = eventId;
        return delivery;
    }

    /** A plain-text email. */
    public static NotificationDelivery email(UUID organizationId, Optional<UUID> eventId, String recipient, String subject, String body,
            Instant now) {
        NotificationDelivery delivery = new NotificationDelivery(organizationId, EMAIL, body, now);
        delivery.eventId = eventId.orElse(null);
        delivery.recipient = recipient;
        delivery.subject = subject;
        return delivery;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String kind() {
        return kind;
    }

    public Optional<UUID> eventId() {
        return Optional.ofNullable(eventId);
    }

    public Optional<UUID> webhookId() {
        return Optional.ofNullable(webhookId);
    }

    public Optional<String> recipient() {
        return Optional.ofNullable(recipient);
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public String body() {
        return body;
    }

    public String state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public void delivered(Instant now) {
        this.attempts++;
        this.state = DELIVERED;
        this.lastError = null;
        this.updatedAt = now;
    }

    /** A failed attempt: tried again at {@code retryAt}, or given up when there is none. */
    public void attemptFailed(String error, Optional<Instant> retryAt, Instant now) {
        this.attempts++;
        this.lastError = error;
        this.updatedAt = now;
        retryAt.ifPresentOrElse(at -> this.nextAttemptAt = at, () -> this.state = FAILED);
    }
}
