-- Roles name what a member may do; policies grant roles actions on connections, models and syncs.
-- Every organization has the system roles 'admin' and 'user' and a system policy 'Default', which applies to every
-- object that has no policy of its own. Admins may do everything; the Default policy starts by granting 'user'
-- every action but apply_policy.

CREATE TABLE roles (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name             text NOT NULL CHECK (length(trim(name)) > 0),
    system           boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX roles_organization_name_key ON roles (organization_id, lower(name));

CREATE TABLE policies (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name             text NOT NULL CHECK (length(trim(name)) > 0),
    system           boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX policies_organization_name_key ON policies (organization_id, lower(name));

CREATE TABLE policy_actions (
    policy_id  uuid NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
    action     text NOT NULL CHECK (action IN ('create', 'edit', 'delete', 'query', 'export', 'trigger', 'sync_to', 'apply_policy')),
    role_id    uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (policy_id, action, role_id)
);

CREATE FUNCTION create_system_permissions(organization uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    user_role uuid;
    default_policy uuid;
BEGIN
    INSERT INTO roles (organization_id, name, system) VALUES (organization, 'admin', true);
    INSERT INTO roles (organization_id, name, system) VALUES (organization, 'user', true) RETURNING id INTO user_role;
    INSERT INTO policies (organization_id, name, system) VALUES (organization, 'Default', true) RETURNING id INTO default_policy;
    INSERT INTO policy_actions (policy_id, action, role_id)
        SELECT default_policy, action, user_role
        FROM unnest(ARRAY['create', 'edit', 'delete', 'query', 'export', 'trigger', 'sync_to']) AS action;
END;
$$;

CREATE FUNCTION organizations_system_permissions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM create_system_permissions(NEW.id);
    RETURN NEW;
END;
$$;

CREATE TRIGGER organizations_system_permissions AFTER INSERT ON organizations
    FOR EACH ROW EXECUTE FUNCTION organizations_system_permissions();

-- Organizations that already exist get theirs now.
SELECT create_system_permissions(id) FROM organizations;
