namespace PatternQuality.Contracts.Schema;

/// <summary>The omninode_bridge tables and constraints that more than one process names (the migrations create them).</summary>
public static class SchemaNames
{
    public const string QualityMetrics = "pattern_quality_metrics";

    public const string LineageNodes = "pattern_lineage_nodes";

    /// <summary>The key writers upsert on (migration 014 ensures it).</summary>
    public const string PatternIdUnique = "pattern_quality_metrics_pattern_id_unique";

    /// <summary>The migrator's journal of applied migrations.</summary>
    public const string MigrationJournal = "pattern_quality_migrations";

    /// <summary>The backfill's run journal (migration 015).</summary>
    public const string BackfillRuns = "backfill_runs";

    public const string BackfillRunCollections = "backfill_run_collections";

    /// <summary>Each committed batch of a run, once, with the lease epoch and worker that wrote it (migration 018).</summary>
    public const string BackfillRunBatches = "backfill_run_batches";

    /// <summary>Each run's segments done of total and the patterns it covers, one rule for every reader (migration 019).</summary>
    public const string BackfillRunProgress = "backfill_run_progress";

    /// <summary>Each measurement of how much of Qdrant is scored (migration 020).</summary>
    public const string Coverage = "pattern_quality_coverage";

    /// <summary>Each prune of orphan scores, and the rows it deleted, kept so that it can be undone (migration 020).</summary>
    public const string Prunes = "pattern_quality_prunes";

    public const string PrunedScores = "pattern_quality_pruned_scores";
}
