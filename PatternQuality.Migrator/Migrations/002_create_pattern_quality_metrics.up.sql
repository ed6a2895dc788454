-- Quality scores of patterns, as first created: every score had to belong to a lineage node.

CREATE TABLE pattern_quality_metrics (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    pattern_id            uuid NOT NULL,
    quality_score         double precision NOT NULL,
    confidence            double precision NOT NULL,
    measurement_timestamp timestamptz NOT NULL DEFAULT now(),
    version               varchar(20) NOT NULL DEFAULT '1.0.0',
    metadata              jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pattern_quality_metrics_quality_score_check CHECK (quality_score >= 0.0 AND quality_score <= 1.0),
    CONSTRAINT pattern_quality_metrics_confidence_check CHECK (confidence >= 0.0 AND confidence <= 1.0),
    CONSTRAINT pattern_quality_metrics_pattern_id_unique UNIQUE (pattern_id),
    CONSTRAINT pattern_quality_metrics_pattern_id_fkey FOREIGN KEY (pattern_id)
        REFERENCES pattern_lineage_nodes (id) ON DELETE CASCADE
);

CREATE INDEX pattern_quality_metrics_measurement_timestamp_idx
    ON pattern_quality_metrics (measurement_timestamp DESC);

COMMENT ON TABLE pattern_quality_metrics IS 'Quality scores of code patterns, one row per pattern.';
