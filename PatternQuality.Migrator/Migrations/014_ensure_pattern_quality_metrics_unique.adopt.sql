SELECT EXISTS (
    SELECT 1 FROM pg_constraint
    WHERE conrelid = 'pattern_quality_metrics'::regclass
      AND conname = 'pattern_quality_metrics_pattern_id_unique');
