-- Rolling 013 back restores the foreign key. Scores written since 013 may name patterns
-- without a lineage node ("orphans"); the key cannot come back while they exist. The
-- migrator sets pattern_quality.delete_orphans to 'on' when the operator passes
-- --delete-orphans; otherwise the rollback refuses and changes nothing. With
-- --expect-orphans N it also sets pattern_quality.expected_orphans: the operator confirmed a
-- count they were shown, and any other count found under the lock refuses the deletion.
-- Refusals and the deletion name the key (CONSTRAINT) and carry the orphan count alone in
-- DETAIL, so that the migrator reads the count from a field rather than from the prose.

-- Keep writers out until the key is back, so no orphan slips in between count and check.
LOCK TABLE pattern_quality_metrics IN SHARE ROW EXCLUSIVE MODE;

DO $$
DECLARE
    orphans bigint;
    delete_orphans boolean := coalesce(current_setting('pattern_quality.delete_orphans', true), '') = 'on';
    expected_orphans bigint := nullif(coalesce(current_setting('pattern_quality.expected_orphans', true), ''), '')::bigint;
BEGIN
    SELECT count(*) INTO orphans
    FROM pattern_quality_metrics m
    WHERE NOT EXISTS (SELECT 1 FROM pattern_lineage_nodes n WHERE n.id = m.pattern_id);

    IF orphans > 0 AND NOT delete_orphans THEN
        RAISE EXCEPTION 'refusing to restore pattern_quality_metrics_pattern_id_fkey: % orphan score rows have no pattern_lineage_nodes row; nothing was changed (pass --delete-orphans to delete them)', orphans
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'pattern_quality_metrics_pattern_id_fkey', DETAIL = orphans::text;
    END IF;

    IF delete_orphans AND expected_orphans IS NOT NULL AND expected_orphans <> orphans THEN
        RAISE EXCEPTION 'refusing to delete orphan scores: % were confirmed but % have no pattern_lineage_nodes row now; nothing was changed', expected_orphans, orphans
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'pattern_quality_metrics_pattern_id_fkey', DETAIL = orphans::text;
    END IF;

    IF orphans > 0 THEN
        DELETE FROM pattern_quality_metrics m
        WHERE NOT EXISTS (SELECT 1 FROM pattern_lineage_nodes n WHERE n.id = m.pattern_id);
        RAISE NOTICE 'deleted % orphan score rows', orphans
            USING CONSTRAINT = 'pattern_quality_metrics_pattern_id_fkey', DETAIL = orphans::text;
    END IF;
END
$$;

ALTER TABLE pattern_quality_metrics
    ADD CONSTRAINT pattern_quality_metrics_pattern_id_fkey FOREIGN KEY (pattern_id)
        REFERENCES pattern_lineage_nodes (id) ON DELETE CASCADE;

COMMENT ON COLUMN pattern_quality_metrics.pattern_id IS NULL;
