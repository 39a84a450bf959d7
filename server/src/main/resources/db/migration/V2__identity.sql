-- Sign-in sessions, API keys, one-time sign-in requests and the audit log.
-- Tokens and keys are stored only as SHA-256 hashes: the database never holds a usable credential.

CREATE TABLE sessions (
    id            uuid PRIMARY KEY,
    token_hash    bytea NOT NULL UNIQUE,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_keys (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text NOT NULL,
    prefix        text NOT NULL,
    key_hash      bytea NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

-- One row per started sign-in: its state (hashed), nonce and PKCE verifier, usable once before it expires.
CREATE TABLE sign_in_requests (
    state_hash     text PRIMARY KEY,
    nonce          text NOT NULL,
    code_verifier  text NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL
);

-- Development mode's one-time sign-in links.
CREATE TABLE local_sign_in_tokens (
    token_hash  text PRIMARY KEY,
    email       text NOT NULL,
    expires_at  timestamptz NOT NULL
);

CREATE TABLE audit_events (
    id               uuid PRIMARY KEY,
    organization_id  uuid REFERENCES organizations (id) ON DELETE CASCADE,
    actor            text NOT NULL,
    action           text NOT NULL,
    target_type      text,
    target_id        text,
    outcome          text NOT NULL,
    detail           text,
    at               timestamptz NOT NULL
);
CREATE INDEX audit_events_organization_at_idx ON audit_events (organization_id, at DESC);
