namespace PatternQuality.Backfill.Runs.Destinations;

/// <summary>
/// Where a run's scored batches go: nowhere (<see cref="DiscardedBatches"/>, a dry run), into the run's journal under
/// the segment's lease (<see cref="JournaledBatches"/>), or upserted alone into a schema from before the journal
/// (<see cref="UpsertedBatches"/>). A segment's batches come one at a time, in order.
/// </summary>
public interface IBatchDestination
{
    /// <returns>What the batch came to: stored, unchanged, rejected by the schema.</returns>
    /// <exception cref="Workers.LeaseLostException">another worker has taken the segment over</exception>
    ValueTask<BatchOutcome> WriteAsync(ScoredBatch batch, CancellationToken cancellationToken);
}
