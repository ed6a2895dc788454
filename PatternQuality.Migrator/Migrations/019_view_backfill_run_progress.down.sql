DROP VIEW backfill_run_progress;
