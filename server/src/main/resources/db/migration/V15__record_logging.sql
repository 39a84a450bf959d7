-- Whether a workspace's model syncs keep record logs (on unless the workspace or RECORD_LOG_DISABLED turns them off).
ALTER TABLE organizations ADD COLUMN record_logging boolean NOT NULL DEFAULT true;
