DROP TABLE backfill_run_collections;
DROP TABLE backfill_runs;
DROP FUNCTION pattern_quality_add_counts(jsonb, jsonb);
