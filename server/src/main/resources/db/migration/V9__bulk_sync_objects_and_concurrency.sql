-- New source tables can join a bulk sync on their own, and several tables can be copied at once.
ALTER TABLE bulk_syncs
    ADD COLUMN automatically_add_new_objects boolean NOT NULL DEFAULT false,
    ADD COLUMN concurrency_limit integer NOT NULL DEFAULT 1 CHECK (concurrency_limit BETWEEN 1 AND 32);
