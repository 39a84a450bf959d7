-- What happened to executions, kept 48 hours: listed by GET /api/events and sent to webhooks.
CREATE TABLE events (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    type             text NOT NULL,
    data             text NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX events_organization_idx ON events (organization_id, created_at DESC, id DESC);
CREATE INDEX events_created_idx ON events (created_at);

-- Endpoints that receive every event of their organization, signed with their secret (encrypted, see SecretsCipher).
CREATE TABLE webhooks (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    endpoint         text NOT NULL,
    secret           text NOT NULL,
    paused           boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX webhooks_organization_idx ON webhooks (organization_id);

-- Who gets an email when a sync or bulk sync fails, or runs longer than LONGSYNC_THRESHOLD.
CREATE TABLE global_error_subscribers (
    organization_id  uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    emails           text[] NOT NULL DEFAULT '{}',
    updated_at       timestamptz NOT NULL
);

-- The outbox: each webhook call and each email, queued in the transaction that recorded its cause and sent by the
-- workers, which claim rows with FOR UPDATE SKIP LOCKED so that no row is sent by two of them at once.
CREATE TABLE notification_deliveries (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('webhook', 'email')),
    event_id         uuid,
    webhook_id       uuid REFERENCES webhooks (id) ON DELETE CASCADE,
    recipient        text,
    subject          text,
    body             text NOT NULL,
    state            text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CHECK (kind = 'webhook' AND webhook_id IS NOT NULL AND event_id IS NOT NULL
        OR kind = 'email' AND recipient IS NOT NULL AND subject IS NOT NULL)
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notification_deliveries_finished_idx ON notification_deliveries (updated_at) WHERE state <> 'pending';
