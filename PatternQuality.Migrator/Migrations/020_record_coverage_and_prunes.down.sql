-- Pruned scores not put back would be lost with their archive: refuse, naming the way out.
DO $$
DECLARE
    kept bigint;
BEGIN
    SELECT count(*) INTO kept FROM pattern_quality_pruned_scores s JOIN pattern_quality_prunes p ON p.id = s.prune_id WHERE p.undone_at IS NULL;
    IF kept > 0 THEN
        RAISE EXCEPTION 'the prune archive holds % pruned scores: put them back with `backfill prune --undo ID` (or delete them from pattern_quality_pruned_scores) before rolling back 020', kept;
    END IF;
END
$$;

DROP TABLE pattern_quality_pruned_scores;
DROP TABLE pattern_quality_prunes;
DROP TABLE pattern_quality_coverage;
