-- Pattern lineage: which patterns were derived from which, and the events that said so.
-- Only patterns that went through lineage tracking have a node here (about 6% of them).

CREATE TABLE pattern_lineage_nodes (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    pattern_id      varchar(255) NOT NULL,
    pattern_name    varchar(255) NOT NULL,
    pattern_type    varchar(100) NOT NULL,
    pattern_version varchar(50)  NOT NULL DEFAULT '1.0.0',
    lineage_id      uuid         NOT NULL,
    generation      integer      NOT NULL DEFAULT 1,
    source_system   varchar(100),
    pattern_data    jsonb        NOT NULL DEFAULT '{}'::jsonb,
    metadata        jsonb        NOT NULL DEFAULT '{}'::jsonb,
    correlation_id  uuid         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pattern_lineage_nodes_pattern_version_unique UNIQUE (pattern_id, pattern_version)
);

CREATE INDEX pattern_lineage_nodes_lineage_id_idx ON pattern_lineage_nodes (lineage_id);

CREATE TABLE pattern_lineage_edges (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    source_node_id      uuid NOT NULL REFERENCES pattern_lineage_nodes (id) ON DELETE CASCADE,
    target_node_id      uuid NOT NULL REFERENCES pattern_lineage_nodes (id) ON DELETE CASCADE,
    edge_type           varchar(100) NOT NULL,
    edge_weight         double precision NOT NULL DEFAULT 1.0,
    transformation_type varchar(100),
    metadata            jsonb NOT NULL DEFAULT '{}'::jsonb,
    correlation_id      uuid NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pattern_lineage_edges_weight_check CHECK (edge_weight >= 0.0 AND edge_weight <= 1.0),
    CONSTRAINT pattern_lineage_edges_no_self_loop CHECK (source_node_id <> target_node_id),
    CONSTRAINT pattern_lineage_edges_unique UNIQUE (source_node_id, target_node_id, edge_type)
);

CREATE INDEX pattern_lineage_edges_target_idx ON pattern_lineage_edges (target_node_id);

CREATE TABLE pattern_lineage_events (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_type      varchar(100) NOT NULL,
    pattern_id      varchar(255) NOT NULL,
    pattern_node_id uuid REFERENCES pattern_lineage_nodes (id) ON DELETE SET NULL,
    event_data      jsonb NOT NULL DEFAULT '{}'::jsonb,
    reason          text,
    triggered_by    varchar(100),
    correlation_id  uuid NOT NULL,
    "timestamp"     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX pattern_lineage_events_pattern_id_idx ON pattern_lineage_events (pattern_id);
