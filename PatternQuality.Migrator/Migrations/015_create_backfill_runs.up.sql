-- The backfill's run journal: one row per run, and one per segment of each collection of a
-- run. A segment is a range of point ids [segment_start, segment_end), scrolled and written
-- on its own so that segments proceed in parallel; its checkpoint (Qdrant's next_page_offset)
-- is written in the same statement as each batch's scores, so a run killed at any point
-- resumes after its last committed batch.

CREATE TABLE backfill_runs (
    id                 uuid PRIMARY KEY,
    status             varchar(20) NOT NULL,
    collections        text[] NOT NULL,
    options            jsonb NOT NULL DEFAULT '{}'::jsonb,
    scorer_version     varchar(20) NOT NULL,
    started_at         timestamptz NOT NULL DEFAULT now(),
    heartbeat_at       timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz,
    processed          bigint NOT NULL DEFAULT 0,
    stored             bigint NOT NULL DEFAULT 0,
    unchanged          bigint NOT NULL DEFAULT 0,
    rejected           bigint NOT NULL DEFAULT 0,
    rejected_by_reason jsonb NOT NULL DEFAULT '{}'::jsonb,
    score_totals       jsonb NOT NULL DEFAULT '{}'::jsonb,
    error              text,
    CONSTRAINT backfill_runs_status_check CHECK (status IN ('running', 'completed', 'partial', 'failed'))
);

CREATE INDEX backfill_runs_started_at_idx ON backfill_runs (started_at DESC);

CREATE TABLE backfill_run_collections (
    run_id             uuid NOT NULL REFERENCES backfill_runs (id) ON DELETE CASCADE,
    position           integer NOT NULL,
    collection         text NOT NULL,
    segment            integer NOT NULL DEFAULT 0,
    segment_start      jsonb,
    segment_end        jsonb,
    status             varchar(20) NOT NULL DEFAULT 'pending',
    source_count       bigint,
    checkpoint         jsonb,
    batches            integer NOT NULL DEFAULT 0,
    processed          bigint NOT NULL DEFAULT 0,
    stored             bigint NOT NULL DEFAULT 0,
    unchanged          bigint NOT NULL DEFAULT 0,
    rejected           bigint NOT NULL DEFAULT 0,
    rejected_by_reason jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, collection, segment),
    CONSTRAINT backfill_run_collections_status_check CHECK (status IN ('pending', 'running', 'completed', 'missing'))
);

COMMENT ON COLUMN backfill_run_collections.checkpoint IS
    'Qdrant next_page_offset to resume the scroll from (inclusive); null means from segment_start.';
COMMENT ON COLUMN backfill_run_collections.segment_start IS 'First point id of the segment (inclusive); null means the first point.';
COMMENT ON COLUMN backfill_run_collections.segment_end IS 'Point id where the next segment begins (exclusive); null means the last point.';

-- Adds two {"key": number} objects key by key; zero totals are left out.
CREATE FUNCTION pattern_quality_add_counts(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_object_agg(key, total) FILTER (WHERE total <> 0), '{}'::jsonb)
    FROM (
        SELECT key, sum(value::numeric) AS total
        FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) entries
        GROUP BY key
    ) totals
$$;
