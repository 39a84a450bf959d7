-- Bulk syncs copy tables from a source connection into a destination connection.
CREATE TABLE bulk_syncs (
    id                             uuid PRIMARY KEY,
    organization_id                uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name                           text NOT NULL CHECK (length(trim(name)) > 0),
    mode                           text NOT NULL CHECK (mode IN ('replicate', 'snapshot')),
    source_connection_id           uuid NOT NULL REFERENCES connections (id) ON DELETE RESTRICT,
    destination_connection_id      uuid NOT NULL REFERENCES connections (id) ON DELETE RESTRICT,
    destination_configuration      text NOT NULL,
    schemas                        text NOT NULL,
    automatically_add_new_fields   boolean NOT NULL,
    normalize_names                boolean NOT NULL,
    active                         boolean NOT NULL,
    policies                       uuid[] NOT NULL DEFAULT '{}',
    created_at                     timestamptz NOT NULL,
    updated_at                     timestamptz NOT NULL
);
CREATE INDEX bulk_syncs_organization_idx ON bulk_syncs (organization_id);

CREATE TABLE bulk_sync_executions (
    id                uuid PRIMARY KEY,
    bulk_sync_id      uuid NOT NULL REFERENCES bulk_syncs (id) ON DELETE CASCADE,
    status            text NOT NULL,
    resync            boolean NOT NULL,
    records_read      bigint NOT NULL DEFAULT 0,
    records_written   bigint NOT NULL DEFAULT 0,
    records_errored   bigint NOT NULL DEFAULT 0,
    tables            text NOT NULL DEFAULT '[]',
    error             text,
    created_at        timestamptz NOT NULL,
    started_at        timestamptz,
    heartbeat_at      timestamptz,
    completed_at      timestamptz
);
CREATE INDEX bulk_sync_executions_sync_idx ON bulk_sync_executions (bulk_sync_id, created_at DESC);
-- A sync never runs twice at the same time, whichever container starts it.
CREATE UNIQUE INDEX bulk_sync_executions_one_running ON bulk_sync_executions (bulk_sync_id) WHERE status = 'running';

-- Where each table's incremental read stands: stored only after the destination committed the batch it covers.
CREATE TABLE bulk_sync_checkpoints (
    bulk_sync_id  uuid NOT NULL REFERENCES bulk_syncs (id) ON DELETE CASCADE,
    object_id     text NOT NULL,
    position      text NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (bulk_sync_id, object_id)
);

CREATE OR REPLACE FUNCTION forget_deleted_policy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE connections SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    UPDATE bulk_syncs SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    RETURN OLD;
END;
$$;
