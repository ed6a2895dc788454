-- Migration 013: scores no longer need a lineage node.
-- Only ~6% of patterns went through lineage tracking, so the foreign key rejected 95% of
-- scores (ForeignKeyViolation). pattern_id now names the pattern's Qdrant point.

ALTER TABLE pattern_quality_metrics
    DROP CONSTRAINT IF EXISTS pattern_quality_metrics_pattern_id_fkey;

COMMENT ON COLUMN pattern_quality_metrics.pattern_id IS
    'Pattern id: the UUID of the pattern''s Qdrant point (integer point ids are mapped to UUIDv5). '
    'No foreign key to pattern_lineage_nodes since migration 013: most patterns have no lineage node.';

DO $$
DECLARE
    remaining text;
BEGIN
    SELECT string_agg(conname, ', ') INTO remaining
    FROM pg_constraint
    WHERE conrelid = 'pattern_quality_metrics'::regclass
      AND contype = 'f'
      AND confrelid = 'pattern_lineage_nodes'::regclass;

    IF remaining IS NOT NULL THEN
        RAISE EXCEPTION 'pattern_quality_metrics still references pattern_lineage_nodes through %', remaining
            USING HINT = 'drop that constraint by hand or rename it to pattern_quality_metrics_pattern_id_fkey';
    END IF;
END
$$;
