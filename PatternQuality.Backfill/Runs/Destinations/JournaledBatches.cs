using PatternQuality.Backfill.Runs.Workers;

namespace PatternQuality.Backfill.Runs.Destinations;

/// <summary>
/// A segment of a run in the journal, written under its lease of <see cref="JournaledWrite.Epoch"/>: new scores by COPY
/// once 013 has dropped the lineage key, and once a batch meets scores already stored (a re-run), the segment's batches
/// by the one-statement upsert. A batch refused because the lease moved on ends the segment for this worker.
/// </summary>
public sealed class JournaledBatches(ScoreDatabase database, JournaledWrite write) : IBatchDestination
{
    private bool copyNewScores = !database.LineageRequired;

    public async ValueTask<BatchOutcome> WriteAsync(ScoredBatch batch, CancellationToken cancellationToken)
    {
        var outcome = await WriteOnceAsync(batch, cancellationToken);
        return outcome.LeaseHeld ? outcome : throw new LeaseLostException(batch.Collection, batch.Segment, write.Epoch);
    }

    private async ValueTask<BatchOutcome> WriteOnceAsync(ScoredBatch batch, CancellationToken cancellationToken)
    {
        if (copyNewScores)
        {
            if (await ScoreBatchCopy.TryWriteAsync(database.DataSource, write, batch, cancellationToken) is { } copied)
            {
                return copied;
            }

            copyNewScores = false;
        }

        return await ScoreBatchWriter.WriteJournaledAsync(database, write, batch, cancellationToken);
    }
}
