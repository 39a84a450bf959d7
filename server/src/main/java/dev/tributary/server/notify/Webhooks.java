package dev.tributary.server.notify;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.config.Secret;
import dev.tributary.server.connect.net.AddressGuard;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.secrets.SecretsCipher;
import dev.tributary.server.store.Store;
import dev.tributary.server.store.Webhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.hibernate.Session;

/** Webhooks: endpoints checked before they are saved, secrets encrypted at rest and never given back. */
public final class Webhooks {

    static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_SECRET_LENGTH = 512;
    private static final int MAX_ENDPOINT_LENGTH = 2048;

    private final Store store;
    private final SecretsCipher cipher;
    private final Clock clock;

    Webhooks(Store store, SecretsCipher cipher, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    public List<Webhook> list(UUID organizationId) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from Webhook w where w.organizationId = :org order by w.createdAt, w.id", Webhook.class)
                .setParameter("org", organizationId)
                .getResultList());
    }

    /** The organization's webhook; another organization's is a 404, as if it did not exist. */
    public Webhook get(UUID organizationId, UUID id) {
        return store.inTransaction(session -> owned(session, organizationId, id));
    }

    public Webhook create(UUID organizationId, Optional<String> endpoint, Optional<String> secret) {
        List<FieldError> errors = new ArrayList<>();
        String validEndpoint = validEndpoint(endpoint, errors);
        String validSecret = validSecret(secret, errors);
        requireValid(errors);
        Webhook webhook = new Webhook(UUID.randomUUID(), organizationId, clock.instant());
        webhook.configure(validEndpoint, cipher.encrypt(validSecret, context(webhook.id())), clock.instant());
        return store.inTransaction(session -> {
            session.persist(webhook);
            return webhook;
        });
    }

    /** Replaces the endpoint and, unless it is left out (or sent back as {@code ****}), the secret. */
    public Webhook update(UUID organizationId, UUID id, Optional<String> endpoint, Optional<String> secret) {
        get(organizationId, id);
        List<FieldError> errors = new ArrayList<>();
        String validEndpoint = validEndpoint(endpoint, errors);
        Optional<String> newSecret = secret.filter(text -> !text.equals(Secret.MASK)).map(text -> validSecret(Optional.of(text), errors));
        requireValid(errors);
        return change(organizationId, id, webhook -> webhook.configure(validEndpoint,
                newSecret.map(text -> cipher.encrypt(text, context(id))).orElse(webhook.secret()), clock.instant()));
    }

    /** A paused webhook gets no new deliveries; those already queued are still sent. */
    public Webhook pause(UUID organizationId, UUID id, boolean paused) {
        return change(organizationId, id, webhook -> webhook.pause(paused, clock.instant()));
    }

    /** Deletes the webhook with the deliveries still queued for it. */
    public void delete(UUID organizationId, UUID id) {
        store.inTransaction(session -> {
            session.remove(owned(session, organizationId, id));
            return null;
        });
    }

    /** The clear secret, only for signing a delivery. */
    String secret(Webhook webhook) {
        return cipher.decrypt(webhook.secret(), context(webhook.id()));
    }

    private Webhook change(UUID organizationId, UUID id, Consumer<Webhook> change) {
        return store.inTransaction(session -> {
            Webhook webhook = owned(session, organizationId, id);
            change.accept(webhook);
            return webhook;
        });
    }

    private static Webhook owned(Session session, UUID organizationId, UUID id) {
        return Optional.ofNullable(session.find(Webhook.class, id))
                .filter(webhook -> webhook.organizationId().equals(organizationId))
                .orElseThrow(() -> new TributaryException(ErrorCode.NOT_FOUND, "No webhook " + id + "; GET /api/webhooks lists them."));
    }

    private static String validEndpoint(Optional<String> endpoint, List<FieldError> errors) {
        String text = endpoint.map(String::trim).orElse("");
        if (text.isEmpty()) {
            errors.add(new FieldError("endpoint", "is required: the http(s) URL that receives the events, such as https://example.com/hooks/tributary."));
            return text;
        }
        if (text.length() > MAX_ENDPOINT_LENGTH) {
            errors.add(new FieldError("endpoint", "is longer than " + MAX_ENDPOINT_LENGTH + " characters; use a shorter URL."));
            return text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            errors.add(new FieldError("endpoint", "is not a URL (" + e.getReason() + "); use one such as https://example.com/hooks/tributary."));
            return text;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            errors.add(new FieldError("endpoint", "must be an http:// or https:// URL with a host, such as https://example.com/hooks/tributary."));
        } else if (uri.getRawUserInfo() != null) {
            errors.add(new FieldError("endpoint", "must not hold a user name or password; receivers authenticate deliveries by"
                    + " their Tributary-Signature header instead."));
        } else if (uri.getRawFragment() != null) {
            errors.add(new FieldError("endpoint", "must not end with a #fragment, which is never sent; remove it."));
        } else {
            AddressGuard.refusal("endpoint", uri.getHost()).ifPresent(refusal -> errors.add(new FieldError("endpoint", refusal)));
        }
        return text;
    }

    private static String validSecret(Optional<String> secret, List<FieldError> errors) {
        String text = secret.orElse("");
        if (text.isBlank()) {
            errors.add(new FieldError("secret", "is required: at least " + MIN_SECRET_LENGTH
                    + " random characters that sign each delivery (for example from `openssl rand -hex 32`)."));
        } else if (text.length() < MIN_SECRET_LENGTH) {
            errors.add(new FieldError("secret", "is " + text.length() + " characters long; use at least " + MIN_SECRET_LENGTH
                    + " random characters (for example from `openssl rand -hex 32`)."));
        } else if (text.length() > MAX_SECRET_LENGTH) {
            errors.add(new FieldError("secret", "is longer than " + MAX_SECRET_LENGTH + " characters; use a shorter one."));
        }
        return text;
    }

    private static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
    }

    private static String context(UUID webhook) {
        return "webhook:" + webhook + ":secret";
    }
}
