using System.Diagnostics;

namespace PatternQuality.Backfill.Runs;

/// <summary>A pattern's row for pattern_quality_metrics.</summary>
public readonly record struct ScoredPattern(Guid PatternId, double QualityScore, double Confidence, string MetadataJson);

/// <summary>
/// One scroll page, scored: the rows to upsert, what was rejected before the database, and
/// where the next page starts. <see cref="SequenceNumber"/> is how many batches of the
/// collection's segment were committed before this one; the database applies a batch only once.
/// </summary>
public sealed record ScoredBatch(
    string Collection,
    int Segment,
    int SequenceNumber,
    string? NextOffsetJson,
    int Processed,
    IReadOnlyList<ScoredPattern> Rows,
    IReadOnlyDictionary<string, long> Rejections,
    ScoreTotals Totals,
    Activity? Activity)
{
    public bool IsLastPage => NextOffsetJson is null;
}

/// <summary>What the database did with a batch; <paramref name="LeaseHeld"/> is false when another worker's claim took the segment over.</summary>
public readonly record struct BatchOutcome(bool Applied, long Stored, long Unchanged, long ForeignKeyRejected, bool LeaseHeld);
