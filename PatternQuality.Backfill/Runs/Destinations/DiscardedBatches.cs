namespace PatternQuality.Backfill.Runs.Destinations;

/// <summary>A dry run's: every batch is scored and counted, nothing is written.</summary>
public sealed class DiscardedBatches : IBatchDestination
{
    public static DiscardedBatches Instance { get; } = new();

    private DiscardedBatches()
    {
    }

    public ValueTask<BatchOutcome> WriteAsync(ScoredBatch batch, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new BatchOutcome(Applied: true, Stored: 0, Unchanged: 0, ForeignKeyRejected: 0, LeaseHeld: true));
}
