DROP TABLE pattern_quality_metrics;
