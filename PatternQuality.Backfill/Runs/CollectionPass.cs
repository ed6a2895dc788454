using System.Diagnostics;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Runs.Destinations;
using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Runs;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// A run without the journal (a dry run, or a schema before migration 015): the collections one after another, each cut
/// into <see cref="BackfillOptions.Parallel"/> segments scored side by side, every batch sent to <paramref name="destination"/>.
/// </summary>
public sealed class CollectionPass(Invocation invocation, IBatchDestination destination)
{
    /// <returns><see cref="RunStatus.Completed"/>, or <see cref="RunStatus.Partial"/> when the limit stopped it first.</returns>
    public async Task<string> RunAsync(IReadOnlyList<string> collections, CancellationToken cancellationToken)
    {
        foreach (var collection in collections)
        {
            if (invocation.Progress.LimitReached)
            {
                return RunStatus.Partial;
            }

            var segments = PointIdSegments.Split(invocation.Options.Parallel)
                .Select((range, i) => new CollectionProgress(collection, i, range, SegmentStatus.Pending, null, 0, 0))
                .ToList();
            if (!await ScoreCollectionAsync(collection, segments, cancellationToken))
            {
                return RunStatus.Partial;
            }
        }

        return RunStatus.Completed;
    }

    /// <returns>Whether every segment was read to its end (false when the limit stopped one).</returns>
    private async Task<bool> ScoreCollectionAsync(string collection, IReadOnlyList<CollectionProgress> segments, CancellationToken cancellationToken)
    {
        using var activity = BackfillTelemetry.Source.StartActivity($"backfill collection {collection}");
        activity?.SetTag("backfill.collection", collection);
        var sourceCount = await invocation.Qdrant.CountAsync(collection, cancellationToken);

        var done = 0L;
        var clock = Stopwatch.StartNew();
        var report = new Lock();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pipelines = segments.Select(segment => new SegmentPipeline(invocation, destination, segment)
        {
            Committed = count =>
            {
                lock (report)
                {
                    done += count;
                    var (stored, unchanged, rejected) = invocation.Totals.Counts();
                    invocation.Reports.Collections.Report(new ProgressAnswer(
                        collection, done, sourceCount, stored, unchanged, rejected, done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3)));
                }
            },
        }).ToList();

        try
        {
            var runs = pipelines.Select(pipeline => SiblingTasks.CancelOthersOnFailure(pipeline.RunAsync(activity, stop.Token), stop)).ToList();
            return (await Task.WhenAll(runs)).All(reachedEnd => reachedEnd);
        }
        finally
        {
            invocation.Reports.Collections.EndCollection();
        }
    }
}
