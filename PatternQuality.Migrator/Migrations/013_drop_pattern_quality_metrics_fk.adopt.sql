SELECT NOT EXISTS (
    SELECT 1 FROM pg_constraint
    WHERE conrelid = 'pattern_quality_metrics'::regclass
      AND contype = 'f'
      AND confrelid = 'pattern_lineage_nodes'::regclass);
