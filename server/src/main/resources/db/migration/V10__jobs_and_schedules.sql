-- Every run of every kind of sync goes through one queue: queued until a worker claims it, then running under a lease
-- (epoch + heartbeat) that another worker can take over when the holder dies, then finished.
CREATE TABLE jobs (
    id                uuid PRIMARY KEY,
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind              text NOT NULL,
    subject_id        uuid NOT NULL,
    execution_id      uuid NOT NULL UNIQUE,
    state             text NOT NULL CHECK (state IN ('queued', 'running', 'finished')),
    run_at            timestamptz NOT NULL,
    attempts          integer NOT NULL DEFAULT 0,
    epoch             bigint NOT NULL DEFAULT 0,
    worker            text,
    heartbeat_at      timestamptz,
    started_at        timestamptz,
    cancel_requested  boolean NOT NULL DEFAULT false,
    long_alerted      boolean NOT NULL DEFAULT false,
    outcome           text,
    created_at        timestamptz NOT NULL,
    finished_at       timestamptz
);
-- A sync never runs twice at the same time, and never has a second run waiting beside the first.
CREATE UNIQUE INDEX jobs_one_active ON jobs (kind, subject_id) WHERE state <> 'finished';
CREATE INDEX jobs_due ON jobs (run_at) WHERE state = 'queued';
CREATE INDEX jobs_running ON jobs (heartbeat_at) WHERE state = 'running';
CREATE INDEX jobs_finished ON jobs (subject_id, finished_at) WHERE state = 'finished';

-- When each sync runs next. run_after lists the syncs whose finishing starts a runafter schedule.
CREATE TABLE schedules (
    kind               text NOT NULL,
    subject_id         uuid NOT NULL,
    organization_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    schedule           text NOT NULL,
    run_after          uuid[] NOT NULL DEFAULT '{}',
    next_run_at        timestamptz,
    last_enqueued_at   timestamptz,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (kind, subject_id)
);
CREATE INDEX schedules_due ON schedules (next_run_at) WHERE next_run_at IS NOT NULL;
CREATE INDEX schedules_run_after ON schedules USING gin (run_after);

ALTER TABLE bulk_syncs ADD COLUMN schedule text NOT NULL DEFAULT '{"frequency":"manual"}';
-- The tables a run was asked to copy (a JSON list), or NULL for every enabled table.
ALTER TABLE bulk_sync_executions ADD COLUMN only_tables text;
ALTER TABLE bulk_sync_executions ADD COLUMN attempts integer NOT NULL DEFAULT 0;
-- jobs_one_active now keeps one run per sync, queued runs included.
DROP INDEX bulk_sync_executions_one_running;
UPDATE bulk_sync_executions SET status = 'interrupted', completed_at = now(),
    error = 'the server was upgraded while it ran; start it again'
    WHERE status IN ('running', 'queued', 'canceling');
