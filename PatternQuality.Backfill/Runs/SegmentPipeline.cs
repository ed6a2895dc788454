using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Runs.Destinations;
using PatternQuality.Backfill.Runs.Workers;
using PatternQuality.Backfill.Scoring;
using PatternQuality.ServiceDefaults.Telemetry;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// One segment of a collection through two stages: scroll and score (a page ahead), then
/// write. Memory is bounded by the channel's two batches and the page in flight. In a run's
/// journal it writes under the segment's lease, and ends with <see cref="LeaseLostException"/>
/// once another worker has taken the segment over. Where each batch goes is <paramref name="destination"/>'s to say.
/// </summary>
public sealed class SegmentPipeline(Invocation invocation, IBatchDestination destination, CollectionProgress segment)
{
    /// <summary>Called after each committed batch with the number of points it held.</summary>
    public Action<int> Committed { get; init; } = _ => { };

    /// <returns>Whether the segment was read to its end (false when the limit stopped it).</returns>
    public async Task<bool> RunAsync(Activity? collectionActivity, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<ScoredBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ProduceAsync(batches.Writer, collectionActivity, stop.Token), stop.Token);
        var reachedEnd = false;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                await WriteAsync(batch, stop.Token);
                reachedEnd |= batch.IsLastPage;
                Committed(batch.Processed);
                if (invocation.Options.Delay > TimeSpan.Zero && !batch.IsLastPage)
                {
                    await Task.Delay(invocation.Options.Delay, stop.Token);
                }
            }

            await producer;
            return reachedEnd;
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(producer);
            throw;
        }
    }

    /// <summary>The next page is requested before the current one is scored, so Qdrant serialises while this process scores.</summary>
    private async Task ProduceAsync(ChannelWriter<ScoredBatch> batches, Activity? collectionActivity, CancellationToken cancellationToken)
    {
        try
        {
            var sequence = segment.Batches;
            var pending = Fetch(segment.CheckpointJson ?? segment.Range.StartJson, sequence, collectionActivity, cancellationToken);
            while (pending is not null)
            {
                var (page, batchActivity) = await pending;
                invocation.Progress.Add(page.Points.Count);
                pending = page.NextOffsetJson is { } next && !invocation.Progress.LimitReached
                    ? Fetch(next, sequence + 1, collectionActivity, cancellationToken)
                    : null;

                var batch = BatchScorer.Score(segment.Collection, segment.Segment, sequence, page, invocation.Options.MinConfidence, batchActivity);
                await batches.WriteAsync(batch, cancellationToken);
                sequence++;
            }

            batches.Complete();
        }
        catch (Exception ex)
        {
            batches.Complete(ex);
        }
    }

    /// <summary>Starts the scroll of one page under its own batch span, which the writer closes after the commit.</summary>
    private Task<(ScrollPage Page, Activity? Activity)>? Fetch(string? offset, int sequence, Activity? collectionActivity, CancellationToken cancellationToken)
    {
        var take = invocation.Progress.Take(invocation.Options.BatchSize);
        if (take <= 0)
        {
            return null;
        }

        var batchActivity = BackfillTelemetry.Source.StartActivity("backfill batch");
        batchActivity?.SetTag("backfill.collection", segment.Collection);
        batchActivity?.SetTag("backfill.segment", segment.Segment);
        batchActivity?.SetTag("backfill.batch", sequence);
        try
        {
            return ClipAsync(invocation.Qdrant.ScrollAsync(segment.Collection, offset, take, cancellationToken), batchActivity);
        }
        finally
        {
            Activity.Current = collectionActivity;
        }
    }

    /// <summary>Drops the points that belong to the next segment; reaching them ends this one.</summary>
    private async Task<(ScrollPage, Activity?)> ClipAsync(Task<ScrollPage> scroll, Activity? activity)
    {
        var page = await scroll;
        var end = segment.Range.EndJson;
        if (end is null || (page.NextOffsetJson is { } next && PointIdSegments.IsBefore(next, end)))
        {
            return (page, activity);
        }

        return (new ScrollPage(page.Points.Where(p => PointIdSegments.IsBefore(p.IdJson, end)).ToList(), null), activity);
    }

    private async Task WriteAsync(ScoredBatch batch, CancellationToken cancellationToken)
    {
        Activity.Current = batch.Activity;
        var clock = Stopwatch.StartNew();
        try
        {
            var outcome = await invocation.DatabaseRetry.ExecuteAsync(ct => destination.WriteAsync(batch, ct), cancellationToken);
            batch.Activity?.SetTag("backfill.stored", outcome.Stored);
            batch.Activity?.SetTag("backfill.rejected", batch.Rejections.Values.Sum() + outcome.ForeignKeyRejected);
            if (!outcome.Applied)
            {
                invocation.Logger.LogInformation("Batch {Sequence} of {Collection} segment {Segment} was already committed; skipped",
                    batch.SequenceNumber, batch.Collection, batch.Segment);
            }

            RecordMetrics(batch, outcome);
            invocation.Totals.Add(batch, outcome);
        }
        catch (Exception ex)
        {
            batch.Activity.RecordFailure(ex);
            throw;
        }
        finally
        {
            BackfillTelemetry.BatchDuration.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("backfill.collection", batch.Collection));
            batch.Activity?.Dispose();
        }
    }

    private static void RecordMetrics(ScoredBatch batch, BatchOutcome outcome)
    {
        var collection = new KeyValuePair<string, object?>("backfill.collection", batch.Collection);
        BackfillTelemetry.Processed.Add(batch.Processed, collection);
        BackfillTelemetry.Stored.Add(outcome.Stored, collection);

        // A zero too, so the rejections' chart is there (and flat) while nothing is rejected.
        BackfillTelemetry.Rejected.Add(0, collection);
        foreach (var (reason, count) in batch.Rejections)
        {
            BackfillTelemetry.Rejected.Add(count, collection, new("backfill.reason", reason));
        }

        if (outcome.ForeignKeyRejected > 0)
        {
            BackfillTelemetry.Rejected.Add(outcome.ForeignKeyRejected, collection, new("backfill.reason", RejectionReasons.ForeignKeyViolation));
        }
    }
}
