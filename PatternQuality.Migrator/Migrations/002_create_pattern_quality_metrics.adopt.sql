SELECT to_regclass('pattern_quality_metrics') IS NOT NULL;
