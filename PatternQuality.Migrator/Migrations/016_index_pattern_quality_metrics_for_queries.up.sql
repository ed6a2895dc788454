-- The query API lists scores best first with keyset pagination on (quality_score, pattern_id),
-- optionally within one collection (the collection a score came from is in its metadata).

CREATE INDEX pattern_quality_metrics_score_idx
    ON pattern_quality_metrics (quality_score DESC, pattern_id);

CREATE INDEX pattern_quality_metrics_collection_score_idx
    ON pattern_quality_metrics ((metadata ->> 'collection'), quality_score DESC, pattern_id);
