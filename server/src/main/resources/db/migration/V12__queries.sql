-- SQL runner queries, kept until expires_at (24 hours) and then deleted with their pages and exports. user_id is the
-- member who ran it (empty for the deployment key): only they and the organization's admins may read the result.
CREATE TABLE queries (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    connection_id    uuid REFERENCES connections (id) ON DELETE SET NULL,
    user_id          uuid REFERENCES users (id) ON DELETE CASCADE,
    query            text NOT NULL,
    status           text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'canceled')),
    fields           text,
    row_count        bigint NOT NULL DEFAULT 0,
    truncated        boolean NOT NULL DEFAULT false,
    error            text,
    created_at       timestamptz NOT NULL,
    completed_at     timestamptz,
    expires_at       timestamptz NOT NULL
);
CREATE INDEX queries_organization_idx ON queries (organization_id);
CREATE INDEX queries_expires_idx ON queries (expires_at);

-- The rows of a query's result up to QUERY_ROW_LIMIT, as JSON arrays of row objects, one row of this table per page
-- that GET /api/queries/{id}?page=N answers. Exports do not come from here: they run the query again, uncapped.
CREATE TABLE query_result_pages (
    query_id         uuid NOT NULL REFERENCES queries (id) ON DELETE CASCADE,
    page             integer NOT NULL,
    rows             text NOT NULL,
    PRIMARY KEY (query_id, page)
);
