-- Records a run sent as upserts (inserted or updated, as the destination decided).
ALTER TABLE model_sync_executions ADD COLUMN upserts bigint NOT NULL DEFAULT 0;
