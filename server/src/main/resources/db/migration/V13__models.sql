-- Models name the rows of a connection (a table, or a read-only query) that model syncs send to destinations.
CREATE TABLE models (
    id                uuid PRIMARY KEY,
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name              text NOT NULL CHECK (length(trim(name)) > 0),
    connection_id     uuid NOT NULL REFERENCES connections (id) ON DELETE RESTRICT,
    configuration     text NOT NULL,
    fields            text NOT NULL,
    identifier        text,
    tracking_columns  text[] NOT NULL DEFAULT '{}',
    labels            text[] NOT NULL DEFAULT '{}',
    policies          uuid[] NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX models_organization_idx ON models (organization_id);

CREATE OR REPLACE FUNCTION forget_deleted_policy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE connections SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    UPDATE bulk_syncs SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    UPDATE models SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    RETURN OLD;
END;
$$;
