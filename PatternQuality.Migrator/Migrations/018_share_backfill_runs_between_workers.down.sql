DROP TABLE backfill_run_batches;

ALTER TABLE backfill_run_collections
    DROP COLUMN lease_expires_at,
    DROP COLUMN lease_epoch,
    DROP COLUMN worker_index,
    DROP COLUMN lease_owner;

ALTER TABLE backfill_runs
    DROP CONSTRAINT backfill_runs_name_unique,
    DROP COLUMN lock_key,
    DROP COLUMN segments,
    DROP COLUMN name;
