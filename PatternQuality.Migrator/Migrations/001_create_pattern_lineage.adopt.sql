-- An unjournaled database already holds this migration's work when all three tables exist.
SELECT to_regclass('pattern_lineage_nodes') IS NOT NULL
   AND to_regclass('pattern_lineage_edges') IS NOT NULL
   AND to_regclass('pattern_lineage_events') IS NOT NULL;
