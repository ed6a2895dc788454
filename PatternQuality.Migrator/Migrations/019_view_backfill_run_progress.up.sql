-- A run's progress, read the same way by every reader (the backfill's run-progress, the API's
-- runs): which segments count as done, and the patterns the run covers. A collection's source
-- count is recorded by each worker that starts on it (Qdrant's count then) and never on a
-- segment already completed, so its segments may disagree: the largest count stands for the
-- collection.

CREATE VIEW backfill_run_progress AS
SELECT r.id AS run_id,
       (SELECT count(*) FROM backfill_run_collections c
        WHERE c.run_id = r.id AND c.status IN ('completed', 'missing'))::integer AS segments_done,
       (SELECT count(*) FROM backfill_run_collections c WHERE c.run_id = r.id)::integer AS segments_total,
       (SELECT sum(counts.source_count) FROM (
            SELECT max(c.source_count) AS source_count FROM backfill_run_collections c
            WHERE c.run_id = r.id GROUP BY c.collection) counts)::bigint AS source_count
FROM backfill_runs r;

COMMENT ON VIEW backfill_run_progress IS
    'Per run: segments done (completed, or their collection missing from Qdrant) of all, and the sum over its collections of the largest source count any segment recorded.';
