DROP TABLE pattern_lineage_events;
DROP TABLE pattern_lineage_edges;
DROP TABLE pattern_lineage_nodes;
