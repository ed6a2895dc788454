using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Runs;

/// <summary>This invocation's counters, for runs without a journal to hold them. Segments add to them side by side.</summary>
public sealed class LocalTotals
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> rejections = [];
    private readonly ScoreTotals scores = new();
    private long processed;
    private long stored;
    private long unchanged;

    public void Add(ScoredBatch batch, BatchOutcome outcome)
    {
        lock (gate)
        {
            AddUnlocked(batch, outcome);
        }
    }

    /// <summary>Stored, unchanged and rejected so far, for progress.</summary>
    public (long Stored, long Unchanged, long Rejected) Counts()
    {
        lock (gate)
        {
            return (stored, unchanged, rejections.Values.Sum());
        }
    }

    public RunTotals ToRunTotals()
    {
        lock (gate)
        {
            return new(processed, stored, unchanged, rejections.Values.Sum(), new Dictionary<string, long>(rejections), scores);
        }
    }

    private void AddUnlocked(ScoredBatch batch, BatchOutcome outcome)
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
}
