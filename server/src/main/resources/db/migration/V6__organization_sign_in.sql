-- An organization may sign its people in with its own OpenID Connect provider (Okta, Keycloak, Entra ID) instead of
-- the deployment's. The client secret is encrypted like connection secrets.
ALTER TABLE organizations
    ADD COLUMN oidc_issuer         text,
    ADD COLUMN oidc_client_id      text,
    ADD COLUMN oidc_client_secret  text;

-- Which organization's provider a pending sign-in went to; NULL for the deployment's.
ALTER TABLE sign_in_requests ADD COLUMN organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE;
