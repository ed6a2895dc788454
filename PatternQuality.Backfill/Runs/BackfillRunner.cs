using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Runs.Workers;
using PatternQuality.Contracts.Answers;
using PatternQuality.ServiceDefaults.Telemetry;
using Polly;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// Scores every pattern of the chosen Qdrant collections into pattern_quality_metrics. Each
/// collection is split into segments of its id space, processed side by side, each through a
/// two-stage pipeline (<see cref="SegmentPipeline"/>), so memory is bounded by a few batches
/// per segment. Every batch commits its checkpoint with its rows: a run killed anywhere
/// resumes after its last committed batch. With a run journal this process is one worker of a
/// run (<see cref="RunWorker"/>), which others given the same run name share.
/// </summary>
public sealed class BackfillRunner(
    QdrantPatterns qdrant, NpgsqlDataSource? dataSource, BackfillOptions options, ProgressReporter progress, Action<RunProgressAnswer> runProgress,
    TextWriter output, ILogger logger)
{
    private readonly WorkerIdentity worker = WorkerIdentity.ForThisProcess(options.WorkerIndex);
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
        var lineageRequired = await databaseRetry.ExecuteAsync(async ct => await journal.LineageForeignKeyPresentAsync(ct), cancellationToken);
        if (lineageRequired)
        {
            output.WriteLine("note: pattern_quality_metrics still has its foreign key to pattern_lineage_nodes (migration 013 not applied): scores without a lineage node will be rejected");
        }

        return journaled
            ? await StoreJournaledAsync(database, journal, present, missing, lineageRequired, clock, activity, cancellationToken)
            : await StoreUnjournaledAsync(journal, present, missing, lineageRequired, clock, cancellationToken);
    }

    /// <summary>As a worker of a run in the journal, alone or beside others of the same run name.</summary>
    private async Task<RunSummary> StoreJournaledAsync(
        NpgsqlDataSource database, RunJournal journal, List<string> present, List<string> missing, bool lineageRequired,
        Stopwatch clock, Activity? activity, CancellationToken cancellationToken)
    {
        await using var membership = await databaseRetry.ExecuteAsync(async ct => await RunMembership.JoinAsync(database, options, ct), cancellationToken);
        var run = membership.Run;
        activity?.SetTag("backfill.run_id", run.Id);
        activity?.SetTag("backfill.worker", worker.Name);
        if (membership.AlreadyComplete)
        {
            output.WriteLine($"backfill run {run.Name} ({run.Id}) is already complete; nothing to do");
            var done = await databaseRetry.ExecuteAsync(async ct => await journal.ReadTotalsAsync(run.Id, ct), cancellationToken);
            return new RunSummary(run.Id, "completed", clock.Elapsed, 0, done, missing, DryRun: false);
        }

        output.WriteLine(membership.Created
            ? $"backfill run {RunText(run)} started over {string.Join(", ", options.Collections)} in {run.Collections.Count} segments, as {worker.Name}"
            : $"{(run.Status == "running" && run.Name is not null ? "joining" : "resuming")} backfill run {RunText(run)} (started {run.StartedAt:u}, was {run.Status}, "
              + $"{run.Collections.Sum(c => c.Processed)} patterns already processed), as {worker.Name}");
        foreach (var collection in run.Collections.Select(c => c.Collection).Distinct().Where(c => !present.Contains(c)))
        {
            await databaseRetry.ExecuteAsync(async ct => await journal.MarkCollectionAsync(run.Id, collection, "missing", null, ct), cancellationToken);
        }

        var reporter = new RunProgressReporter(new RunProgressReader(database, run.Id), membership, runProgress, TimeSpan.FromSeconds(2), logger);
        using var stopReporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporting = reporter.FollowAsync(stopReporting.Token);
        string status;
        try
        {
            var complete = await new RunWorker(qdrant, database, journal, run.Id, worker, options, lineageRequired, invocation, local, databaseRetry, output, logger)
                .RunAsync(activity, cancellationToken);
            status = complete ? "completed" : "partial";
            if (!complete && await databaseRetry.ExecuteAsync(async ct => await membership.WorkersAsync(ct), cancellationToken) == 1)
            {
                await databaseRetry.ExecuteAsync(async ct => await journal.FinishAsync(run.Id, status, null, ct), cancellationToken);
            }
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(journal, membership, run.Id, ex);
            throw;
        }
        finally
        {
            await stopReporting.CancelAsync();
            await reporting;
        }

        await databaseRetry.ExecuteAsync(async ct => await reporter.FinalAsync(ct), cancellationToken);
        var totals = await databaseRetry.ExecuteAsync(async ct => await journal.ReadTotalsAsync(run.Id, ct), cancellationToken);
        return new RunSummary(run.Id, status, clock.Elapsed, invocation.Processed, totals, missing, DryRun: false);
    }

    private static string RunText(RunRecord run) => run.Name is null ? run.Id.ToString() : $"{run.Name} ({run.Id})";

    /// <summary>A schema before migration 015: one backfill at a time, nothing to resume.</summary>
    private async Task<RunSummary> StoreUnjournaledAsync(
        RunJournal journal, List<string> present, List<string> missing, bool lineageRequired, Stopwatch clock, CancellationToken cancellationToken)
    {
        await using var runLock = await journal.LockAsync(cancellationToken);
        output.WriteLine("note: the database has no run journal (migration 015 not applied): this run stores scores but cannot be resumed");
        var status = "completed";
        foreach (var collection in present)
        {
            if (invocation.LimitReached)
            {
                status = "partial";
                break;
            }

            var segments = PointIdSegments.Split(options.Parallel).Select((range, i) => new CollectionProgress(collection, i, range, "pending", null, 0, 0)).ToList();
            status = await ProcessCollectionAsync(segments, lineageRequired, cancellationToken) ? status : "partial";
        }

        return new RunSummary(null, status, clock.Elapsed, invocation.Processed, local.ToRunTotals(), missing, DryRun: false);
    }

    /// <returns>Whether every segment was read to its end (false when the limit stopped one).</returns>
    private async Task<bool> ProcessCollectionAsync(IReadOnlyList<CollectionProgress> segments, bool lineageRequired, CancellationToken cancellationToken)
    {
        var collection = segments[0].Collection;
        using var activity = BackfillTelemetry.Source.StartActivity($"backfill collection {collection}");
        activity?.SetTag("backfill.collection", collection);
        var sourceCount = await qdrant.CountAsync(collection, cancellationToken);

        var done = segments.Sum(s => s.Processed);
        var clock = Stopwatch.StartNew();
        var processedHere = 0L;
        var report = new Lock();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pipelines = segments.Select(segment => new SegmentPipeline(
            qdrant, dataSource, null, segment, options, lineageRequired, invocation, local, databaseRetry, logger)
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
            var runs = pipelines.Select(pipeline => SiblingTasks.CancelOthersOnFailure(pipeline.RunAsync(activity, stop.Token), stop)).ToList();
            return (await Task.WhenAll(runs)).All(reachedEnd => reachedEnd);
        }
        finally
        {
            progress.EndCollection();
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

    /// <summary>A failure ends the run only when this worker is its last; otherwise the others carry on, and its lease expires.</summary>
    private async Task RecordFailureAsync(RunJournal journal, RunMembership membership, Guid runId, Exception failure)
    {
        try
        {
            if (await membership.WorkersAsync(CancellationToken.None) > 1)
            {
                return;
            }

            var reason = failure is OperationCanceledException ? "interrupted" : failure.Message.ReplaceLineEndings(" ");
            await databaseRetry.ExecuteAsync(async ct => await journal.FinishAsync(runId, "failed", reason, ct), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The run stays 'running' in the journal; the next worker resumes it all the same.
            logger.LogWarning(ex, "Could not record the failure of run {RunId}", runId);
        }
    }
}
