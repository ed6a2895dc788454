-- Coverage kept true as Qdrant changes. Each measurement of how much of Qdrant is scored is
-- recorded (after every backfill run, and by every check): per collection, the points in Qdrant,
-- those scored by the scorer version of the time, scored by another (outdated), not scored, and
-- the orphan scores (a score whose pattern is in none of the scanned collections, counted under
-- the collection it was scored from). A prune deletes orphan scores only as confirmed, and
-- keeps each deleted row in an archive with the prune that removed it, so that it can be undone.

CREATE TABLE pattern_quality_coverage (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    measured_at    timestamptz NOT NULL DEFAULT now(),
    scorer_version varchar(20) NOT NULL,
    run_id         uuid REFERENCES backfill_runs (id) ON DELETE SET NULL,
    points         bigint NOT NULL,
    scored         bigint NOT NULL,
    outdated       bigint NOT NULL,
    unscored       bigint NOT NULL,
    orphans        bigint NOT NULL,
    collections    jsonb NOT NULL
);

CREATE INDEX pattern_quality_coverage_measured_at_idx ON pattern_quality_coverage (measured_at DESC, id DESC);

COMMENT ON COLUMN pattern_quality_coverage.collections IS
    'Per collection: {"collection", "points", "scored", "outdated", "unscored", "orphans"}, in the order measured.';

CREATE TABLE pattern_quality_prunes (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pruned_at timestamptz NOT NULL DEFAULT now(),
    deleted   bigint NOT NULL,
    undone_at timestamptz
);

-- The deleted rows as they were, column for column.
CREATE TABLE pattern_quality_pruned_scores (
    prune_id              bigint NOT NULL REFERENCES pattern_quality_prunes (id),
    id                    uuid NOT NULL,
    pattern_id            uuid NOT NULL,
    quality_score         double precision NOT NULL,
    confidence            double precision NOT NULL,
    measurement_timestamp timestamptz NOT NULL,
    version               varchar(20) NOT NULL,
    metadata              jsonb,
    created_at            timestamptz,
    updated_at            timestamptz,
    PRIMARY KEY (prune_id, pattern_id)
);
