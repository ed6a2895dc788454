using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Contracts.Answers;
using PatternQuality.ServiceDefaults.Telemetry;
using Polly;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// Scores every pattern of the chosen Qdrant collections into pattern_quality_metrics. Each
/// collection is split into segments of its id space, processed side by side, each through a
/// two-stage pipeline (<see cref="SegmentPipeline"/>), so memory is bounded by a few batches
/// per segment. Every batch commits its checkpoint with its rows: a run killed anywhere
/// resumes after its last committed batch.
/// </summary>
public sealed class BackfillRunner(
    QdrantPatterns qdrant, NpgsqlDataSource? dataSource, BackfillOptions options, ProgressReporter progress, TextWriter output, ILogger logger)
{
    private readonly ResiliencePipeline databaseRetry = DatabaseRetry.Create(logger);
    private readonly LocalTotals local = new();
    private readonly InvocationProgress invocation = new(options.Limit);

    public async Task<RunSummary> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = BackfillTelemetry.Source.StartActivity("backfill run");
        activity?.SetTag("backfill.batch_size", options.BatchSize);
        activity?.SetTag("backfill.dry_run", options.DryRun);
        var clock = Stopwatch.StartNew();
        try
        {
            var (present, missing) = await ResolveCollectionsAsync(cancellationToken);
            return options.DryRun || dataSource is null
                ? await DryRunAsync(present, missing, clock, cancellationToken)
                : await StoreAsync(dataSource, present, missing, clock, activity, cancellationToken);
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            throw;
        }
    }

    private async Task<(List<string> Present, List<string> Missing)> ResolveCollectionsAsync(CancellationToken cancellationToken)
    {
        var existing = (await qdrant.ListCollectionsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var requested = options.Collections;
        var missing = requested.Where(c => !existing.Contains(c)).ToList();
        if (options.Collection is not null and not "all" && missing.Count > 0)
        {
            throw new BackfillException($"collection '{options.Collection}' does not exist in Qdrant");
        }

        foreach (var name in missing)
        {
            output.WriteLine($"collection {name} does not exist in Qdrant; skipping it");
        }

        return (requested.Where(existing.Contains).ToList(), missing);
    }

    private async Task<RunSummary> StoreAsync(
        NpgsqlDataSource database, List<string> present, List<string> missing, Stopwatch clock, Activity? activity, CancellationToken cancellationToken)
    {
        var journal = new RunJournal(database);
        var journaled = await databaseRetry.ExecuteAsync(async ct => await journal.CheckSchemaAsync(ct), cancellationToken);
        await using var runLock = await journal.LockAsync(cancellationToken);
        if (!journaled)
        {
            output.WriteLine("note: the database has no run journal (migration 015 not applied): this run stores scores but cannot be resumed");
        }

        var lineageRequired = await journal.LineageForeignKeyPresentAsync(cancellationToken);
        if (lineageRequired)
        {
            output.WriteLine("note: pattern_quality_metrics still has its foreign key to pattern_lineage_nodes (migration 013 not applied): scores without a lineage node will be rejected");
        }

        var run = journaled ? await OpenRunAsync(journal, cancellationToken) : UnjournaledRun();
        activity?.SetTag("backfill.run_id", run.Id);
        Guid? runId = journaled ? run.Id : null;
        var status = "completed";
        try
        {
            foreach (var segments in run.Collections.Where(c => c.Status != "completed").GroupBy(c => c.Collection).Select(g => g.ToList()))
            {
                var collection = segments[0].Collection;
                if (!present.Contains(collection))
                {
                    if (journaled)
                    {
                        await journal.MarkCollectionAsync(run.Id, collection, "missing", null, cancellationToken);
                    }

                    continue;
                }

                if (invocation.LimitReached)
                {
                    status = "partial";
                    break;
                }

                var finished = await ProcessCollectionAsync(journal, runId, segments, lineageRequired, cancellationToken);
                status = finished ? status : "partial";
            }

            if (journaled)
            {
                await databaseRetry.ExecuteAsync(async ct => await journal.FinishAsync(run.Id, status, null, ct), cancellationToken);
            }
        }
        catch (Exception ex)
        {
            if (journaled)
            {
                await RecordFailureAsync(journal, run.Id, ex);
            }

            throw;
        }

        var totals = journaled ? await journal.ReadTotalsAsync(run.Id, cancellationToken) : local.ToRunTotals();
        return new RunSummary(runId, status, clock.Elapsed, invocation.Processed, totals, missing, DryRun: false);
    }

    private async Task<RunRecord> OpenRunAsync(RunJournal journal, CancellationToken cancellationToken)
    {
        var resumable = await journal.FindResumableAsync(options.Collections, cancellationToken);
        if (resumable is null)
        {
            var run = await journal.StartAsync(options.Collections, PointIdSegments.Split(options.Parallel), options.ToJson(), PatternScorer.Version, cancellationToken);
            output.WriteLine($"backfill run {run.Id} started over {string.Join(", ", options.Collections)}");
            return run;
        }

        await journal.MarkRunningAsync(resumable.Id, cancellationToken);
        var done = resumable.Collections.Sum(c => c.Processed);
        output.WriteLine($"resuming backfill run {resumable.Id} (started {resumable.StartedAt:u}, was {resumable.Status}, {done} patterns already processed)");
        logger.LogInformation("Resuming backfill run {RunId} after {Processed} patterns", resumable.Id, done);
        return resumable;
    }

    private RunRecord UnjournaledRun() => new(
        Guid.Empty, "running", DateTimeOffset.UtcNow,
        options.Collections.SelectMany(c => PointIdSegments.Split(options.Parallel).Select((range, i) => new CollectionProgress(c, i, range, "pending", null, 0, 0))).ToList());

    /// <returns>Whether every segment was read to its end (false when the limit stopped one).</returns>
    private async Task<bool> ProcessCollectionAsync(
        RunJournal journal, Guid? runId, IReadOnlyList<CollectionProgress> segments, bool lineageRequired, CancellationToken cancellationToken)
    {
        var collection = segments[0].Collection;
        using var activity = BackfillTelemetry.Source.StartActivity($"backfill collection {collection}");
        activity?.SetTag("backfill.collection", collection);
        var sourceCount = await qdrant.CountAsync(collection, cancellationToken);
        if (runId is { } id)
        {
            await journal.MarkCollectionAsync(id, collection, "running", sourceCount, cancellationToken);
        }

        var done = segments.Sum(s => s.Processed);
        var clock = Stopwatch.StartNew();
        var processedHere = 0L;
        var report = new Lock();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pipelines = segments.Select(segment => new SegmentPipeline(
            qdrant, dataSource, runId, segment, options, lineageRequired, invocation, local, databaseRetry, logger)
        {
            Committed = count =>
            {
                lock (report)
                {
                    done += count;
                    processedHere += count;
                    var (stored, unchanged, rejected) = local.Counts();
                    progress.Report(new ProgressAnswer(
                        collection, done, sourceCount, stored, unchanged, rejected, processedHere / Math.Max(clock.Elapsed.TotalSeconds, 1e-3)));
                }
            },
        }).ToList();

        try
        {
            var runs = pipelines.Select(pipeline => CancelOthersOnFailure(pipeline.RunAsync(activity, stop.Token), stop)).ToList();
            return (await Task.WhenAll(runs)).All(reachedEnd => reachedEnd);
        }
        finally
        {
            progress.EndCollection();
        }
    }

    private static async Task<bool> CancelOthersOnFailure(Task<bool> segment, CancellationTokenSource stop)
    {
        try
        {
            return await segment;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task<RunSummary> DryRunAsync(List<string> present, List<string> missing, Stopwatch clock, CancellationToken cancellationToken)
    {
        var totals = new ScoreTotals();
        var rejections = new Dictionary<string, long>();
        long processed = 0;
        foreach (var collection in present)
        {
            var sourceCount = await qdrant.CountAsync(collection, cancellationToken);
            var done = 0L;
            var collectionClock = Stopwatch.StartNew();
            string? offset = null;
            var sequence = 0;
            do
            {
                var take = invocation.Take(options.BatchSize);
                if (take <= 0)
                {
                    break;
                }

                var page = await qdrant.ScrollAsync(collection, offset, take, cancellationToken);
                var batch = BatchScorer.Score(collection, 0, sequence++, page, options.MinConfidence, null);
                invocation.Add(batch.Processed);
                processed += batch.Processed;
                foreach (var (reason, count) in batch.Rejections)
                {
                    rejections[reason] = rejections.GetValueOrDefault(reason) + count;
                }

                totals.Merge(batch.Totals);
                offset = page.NextOffsetJson;
                done += batch.Processed;
                progress.Report(new ProgressAnswer(
                    collection, done, sourceCount, 0, 0, rejections.Values.Sum(), done / Math.Max(collectionClock.Elapsed.TotalSeconds, 1e-3)));
            }
            while (offset is not null);

            progress.EndCollection();
        }

        var runTotals = new RunTotals(processed, 0, 0, rejections.Values.Sum(), rejections, totals);
        return new RunSummary(null, "completed", clock.Elapsed, processed, runTotals, missing, DryRun: true);
    }


    private async Task RecordFailureAsync(RunJournal journal, Guid runId, Exception failure)
    {
        try
        {
            var reason = failure is OperationCanceledException ? "interrupted" : failure.Message.ReplaceLineEndings(" ");
            await databaseRetry.ExecuteAsync(async ct => await journal.FinishAsync(runId, "failed", reason, ct), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The run stays 'running' in the journal; the next run resumes it all the same.
            logger.LogWarning(ex, "Could not record the failure of run {RunId}", runId);
        }
    }
}
