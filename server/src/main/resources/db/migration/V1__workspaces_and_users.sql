-- Workspaces ("organizations" in the API) and the people who may sign in to them.
CREATE TABLE organizations (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(trim(name)) > 0),
    sso_domain  text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name));

CREATE TABLE users (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email            text NOT NULL,
    role             text NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_organization_email_key ON users (organization_id, lower(email));
CREATE INDEX users_email_idx ON users (lower(email));
