-- Migration 014: writers upsert on pattern_id (INSERT ... ON CONFLICT (pattern_id)), which
-- needs the UNIQUE constraint. Databases created by hand sometimes lack it.

DO $$
DECLARE
    duplicated bigint;
BEGIN
    IF EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conrelid = 'pattern_quality_metrics'::regclass
          AND conname = 'pattern_quality_metrics_pattern_id_unique') THEN
        RETURN;
    END IF;

    SELECT count(*) INTO duplicated
    FROM (SELECT pattern_id FROM pattern_quality_metrics GROUP BY pattern_id HAVING count(*) > 1) d;

    IF duplicated > 0 THEN
        RAISE EXCEPTION 'cannot add pattern_quality_metrics_pattern_id_unique: % pattern ids have more than one score row', duplicated
            USING ERRCODE = 'unique_violation',
                  HINT = 'keep the newest row of each pattern_id and run the migrator again';
    END IF;

    ALTER TABLE pattern_quality_metrics
        ADD CONSTRAINT pattern_quality_metrics_pattern_id_unique UNIQUE (pattern_id);
END
$$;
