namespace PatternQuality.Contracts.Schema;

/// <summary>
/// The foreign key from pattern_quality_metrics to pattern_lineage_nodes that rejected 95% of scores: which migration
/// drops it, and the one question every process asks about it.
/// </summary>
public static class LineageForeignKey
{
    public const string Name = "pattern_quality_metrics_pattern_id_fkey";

    /// <summary>The migration that drops the key; undoing it (and every migration after it) restores the key.</summary>
    public const int DroppedBy = 13;

    /// <summary>How many foreign keys lead from the scores to the lineage nodes: 0 from 013 on, 1 before it.</summary>
    public const string CountSql = $"""
        SELECT count(*) FROM pg_constraint
        WHERE contype = 'f'
          AND conrelid = to_regclass('{SchemaNames.QualityMetrics}')
          AND confrelid = to_regclass('{SchemaNames.LineageNodes}')
        """;
}
