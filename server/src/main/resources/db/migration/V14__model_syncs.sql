-- Model syncs send a model's records to a destination object; settings (identity, fields, filters, overrides) as JSON.
CREATE TABLE model_syncs (
    id                    uuid PRIMARY KEY,
    organization_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name                  text NOT NULL CHECK (length(trim(name)) > 0),
    model_id              uuid NOT NULL REFERENCES models (id) ON DELETE RESTRICT,
    target_connection_id  uuid NOT NULL REFERENCES connections (id) ON DELETE RESTRICT,
    target_object         text NOT NULL,
    mode                  text NOT NULL CHECK (mode IN ('create', 'update', 'updateOrCreate', 'replace', 'append', 'remove')),
    settings              text NOT NULL,
    schedule              text NOT NULL DEFAULT '{"frequency":"manual"}',
    active                boolean NOT NULL,
    policies              uuid[] NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX model_syncs_organization_idx ON model_syncs (organization_id);

-- One run of a model sync, with its record counts.
CREATE TABLE model_sync_executions (
    id             uuid PRIMARY KEY,
    sync_id        uuid NOT NULL REFERENCES model_syncs (id) ON DELETE CASCADE,
    status         text NOT NULL,
    resync         boolean NOT NULL,
    test           boolean NOT NULL,
    total          bigint NOT NULL DEFAULT 0,
    inserts        bigint NOT NULL DEFAULT 0,
    updates        bigint NOT NULL DEFAULT 0,
    deletes        bigint NOT NULL DEFAULT 0,
    errors         bigint NOT NULL DEFAULT 0,
    warnings       bigint NOT NULL DEFAULT 0,
    error          text,
    attempts       integer NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    started_at     timestamptz,
    heartbeat_at   timestamptz,
    completed_at   timestamptz
);
CREATE INDEX model_sync_executions_sync_idx ON model_sync_executions (sync_id, created_at DESC);

CREATE OR REPLACE FUNCTION forget_deleted_policy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE connections SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    UPDATE bulk_syncs SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    UPDATE models SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    UPDATE model_syncs SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    RETURN OLD;
END;
$$;
