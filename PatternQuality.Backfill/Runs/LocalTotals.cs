using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Runs;

/// <summary>This invocation's counters, for runs without a journal to hold them.</summary>
public sealed class LocalTotals
{
    private readonly Dictionary<string, long> rejections = [];
    private readonly ScoreTotals scores = new();
    private long processed;
    private long stored;
    private long unchanged;

    public void Add(ScoredBatch batch, BatchOutcome outcome)
    {
        processed += batch.Processed;
        stored += outcome.Stored;
        unchanged += outcome.Unchanged;
        foreach (var (reason, count) in batch.Rejections)
        {
            rejections[reason] = rejections.GetValueOrDefault(reason) + count;
        }

        if (outcome.ForeignKeyRejected > 0)
        {
            rejections[RejectionReasons.ForeignKeyViolation] = rejections.GetValueOrDefault(RejectionReasons.ForeignKeyViolation) + outcome.ForeignKeyRejected;
        }

        scores.Merge(batch.Totals);
    }

    public RunTotals ToRunTotals() => new(processed, stored, unchanged, rejections.Values.Sum(), rejections, scores);
}
