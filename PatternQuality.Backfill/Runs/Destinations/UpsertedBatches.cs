namespace PatternQuality.Backfill.Runs.Destinations;

/// <summary>A schema from before the run journal (migration 015): the scores alone, upserted, with no checkpoint.</summary>
public sealed class UpsertedBatches(ScoreDatabase database) : IBatchDestination
{
    public async ValueTask<BatchOutcome> WriteAsync(ScoredBatch batch, CancellationToken cancellationToken) =>
        await ScoreBatchWriter.UpsertAsync(database, batch, cancellationToken);
}
