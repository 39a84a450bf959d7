-- Connections to the systems data moves between. Settings that are not secret are kept as JSON; each secret setting
-- is encrypted on its own (AES-GCM, see SecretsCipher) and never stored in clear.
CREATE TABLE connections (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name             text NOT NULL CHECK (length(trim(name)) > 0),
    type             text NOT NULL,
    configuration    text NOT NULL,
    credentials      text NOT NULL,
    policies         uuid[] NOT NULL DEFAULT '{}',
    status           text NOT NULL,
    status_error     text,
    catalog          text,
    catalog_at       timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX connections_organization_idx ON connections (organization_id, lower(name));

-- A deleted policy stops applying to every object that named it.
CREATE FUNCTION forget_deleted_policy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE connections SET policies = array_remove(policies, OLD.id) WHERE OLD.id = ANY (policies);
    RETURN OLD;
END;
$$;
CREATE TRIGGER policies_forget_deleted AFTER DELETE ON policies FOR EACH ROW EXECUTE FUNCTION forget_deleted_policy();
