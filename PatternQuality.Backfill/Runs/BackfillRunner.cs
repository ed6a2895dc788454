using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Scoring;
using Polly;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// Scores every pattern of the chosen Qdrant collections into pattern_quality_metrics. Pages
/// stream through a two-stage pipeline (scroll and score, then write), so memory is bounded by
/// a few batches and Qdrant and PostgreSQL work at the same time. Every batch commits its
/// checkpoint with its rows: a run killed anywhere resumes after its last committed batch.
/// </summary>
public sealed class BackfillRunner(
    QdrantClient qdrant, NpgsqlDataSource? dataSource, BackfillOptions options, ProgressReporter progress, TextWriter output, ILogger logger)
{
    private readonly ResiliencePipeline databaseRetry = DatabaseRetry.Create(logger);
    private readonly LocalTotals local = new();
    private long processedThisInvocation;

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
            foreach (var collection in run.Collections.Where(c => c.Status != "completed"))
            {
                if (!present.Contains(collection.Collection))
                {
                    if (journaled)
                    {
                        await journal.MarkCollectionAsync(run.Id, collection.Collection, "missing", null, cancellationToken);
                    }

                    continue;
                }

                if (LimitReached)
                {
                    status = "partial";
                    break;
                }

                var finished = await ProcessCollectionAsync(journal, runId, collection, lineageRequired, cancellationToken);
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
        return new RunSummary(runId, status, clock.Elapsed, processedThisInvocation, totals, missing, DryRun: false);
    }

    private async Task<RunRecord> OpenRunAsync(RunJournal journal, CancellationToken cancellationToken)
    {
        var resumable = await journal.FindResumableAsync(options.Collections, cancellationToken);
        if (resumable is null)
        {
            var run = await journal.StartAsync(options.Collections, options.ToJson(), PatternScorer.Version, cancellationToken);
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
        options.Collections.Select(c => new CollectionProgress(c, "pending", null, 0, 0)).ToList());

    /// <returns>Whether the collection was read to its end (false when the limit stopped it).</returns>
    private async Task<bool> ProcessCollectionAsync(
        RunJournal journal, Guid? runId, CollectionProgress collection, bool lineageRequired, CancellationToken cancellationToken)
    {
        using var activity = BackfillTelemetry.Source.StartActivity($"backfill collection {collection.Collection}");
        activity?.SetTag("backfill.collection", collection.Collection);
        var sourceCount = await qdrant.CountAsync(collection.Collection, cancellationToken);
        if (runId is { } id)
        {
            await journal.MarkCollectionAsync(id, collection.Collection, "running", sourceCount, cancellationToken);
        }

        var reachedEnd = false;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<ScoredBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ProduceAsync(batches.Writer, collection, activity, stop.Token), stop.Token);
        var done = collection.Processed;
        var clock = Stopwatch.StartNew();
        var processedHere = 0L;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                await WriteBatchAsync(runId, batch, lineageRequired, stop.Token);
                reachedEnd |= batch.IsLastPage;
                done += batch.Processed;
                processedHere += batch.Processed;
                progress.Report(collection.Collection, done, sourceCount, processedHere / Math.Max(clock.Elapsed.TotalSeconds, 1e-3));
                if (options.Delay > TimeSpan.Zero && !batch.IsLastPage)
                {
                    await Task.Delay(options.Delay, stop.Token);
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
        finally
        {
            progress.EndCollection();
        }
    }

    /// <summary>
    /// Scrolls and scores a collection into <paramref name="batches"/>. The next page is requested
    /// before the current one is scored, so Qdrant serialises while this process scores.
    /// </summary>
    private async Task ProduceAsync(ChannelWriter<ScoredBatch> batches, CollectionProgress collection, Activity? collectionActivity, CancellationToken cancellationToken)
    {
        try
        {
            var sequence = collection.Batches;
            var pending = FetchAsync(collection.Collection, collection.CheckpointJson, sequence, collectionActivity, cancellationToken);
            while (pending is not null)
            {
                var (page, batchActivity) = await pending;
                Interlocked.Add(ref processedThisInvocation, page.Points.Count);
                pending = page.NextOffsetJson is { } next && !LimitReached
                    ? FetchAsync(collection.Collection, next, sequence + 1, collectionActivity, cancellationToken)
                    : null;

                var batch = BatchScorer.Score(collection.Collection, sequence, page, options.MinConfidence, batchActivity);
                if (pending is null && !batch.IsLastPage)
                {
                    // Stopped by --limit: the checkpoint is this page's next offset, so the run resumes there.
                    await batches.WriteAsync(batch, cancellationToken);
                    break;
                }

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
    private Task<(ScrollPage Page, Activity? Activity)>? FetchAsync(
        string collection, string? offset, int sequence, Activity? collectionActivity, CancellationToken cancellationToken)
    {
        var take = options.Limit is { } limit ? (int)Math.Min(options.BatchSize, limit - Interlocked.Read(ref processedThisInvocation)) : options.BatchSize;
        if (take <= 0)
        {
            return null;
        }

        var batchActivity = BackfillTelemetry.Source.StartActivity("backfill batch");
        batchActivity?.SetTag("backfill.collection", collection);
        batchActivity?.SetTag("backfill.batch", sequence);
        try
        {
            var scroll = qdrant.ScrollAsync(collection, offset, take, cancellationToken);
            return WithActivity(scroll, batchActivity);
        }
        finally
        {
            Activity.Current = collectionActivity;
        }

        static async Task<(ScrollPage, Activity?)> WithActivity(Task<ScrollPage> scroll, Activity? activity) => (await scroll, activity);
    }

    private async Task WriteBatchAsync(Guid? runId, ScoredBatch batch, bool lineageRequired, CancellationToken cancellationToken)
    {
        Activity.Current = batch.Activity;
        var clock = Stopwatch.StartNew();
        try
        {
            var outcome = await databaseRetry.ExecuteAsync(
                async ct => await ScoreBatchWriter.WriteAsync(dataSource!, runId, batch, lineageRequired, ct), cancellationToken);
            batch.Activity?.SetTag("backfill.stored", outcome.Stored);
            batch.Activity?.SetTag("backfill.rejected", batch.Rejections.Values.Sum() + outcome.ForeignKeyRejected);
            if (!outcome.Applied)
            {
                logger.LogInformation("Batch {Sequence} of {Collection} was already committed; skipped", batch.SequenceNumber, batch.Collection);
            }

            RecordMetrics(batch, outcome);
            local.Add(batch, outcome);
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
        foreach (var (reason, count) in batch.Rejections)
        {
            BackfillTelemetry.Rejected.Add(count, collection, new("backfill.reason", reason));
        }

        if (outcome.ForeignKeyRejected > 0)
        {
            BackfillTelemetry.Rejected.Add(outcome.ForeignKeyRejected, collection, new("backfill.reason", RejectionReasons.ForeignKeyViolation));
        }
    }

    private async Task<RunSummary> DryRunAsync(List<string> present, List<string> missing, Stopwatch clock, CancellationToken cancellationToken)
    {
        var totals = new ScoreTotals();
        var rejections = new Dictionary<string, long>();
        long processed = 0;
        foreach (var collection in present)
        {
            string? offset = null;
            var sequence = 0;
            do
            {
                var take = options.Limit is { } limit ? (int)Math.Min(options.BatchSize, limit - processed) : options.BatchSize;
                if (take <= 0)
                {
                    break;
                }

                var page = await qdrant.ScrollAsync(collection, offset, take, cancellationToken);
                var batch = BatchScorer.Score(collection, sequence++, page, options.MinConfidence, null);
                processed += batch.Processed;
                foreach (var (reason, count) in batch.Rejections)
                {
                    rejections[reason] = rejections.GetValueOrDefault(reason) + count;
                }

                totals.Merge(batch.Totals);
                offset = page.NextOffsetJson;
            }
            while (offset is not null);
        }

        processedThisInvocation = processed;
        var runTotals = new RunTotals(processed, 0, 0, rejections.Values.Sum(), rejections, totals);
        return new RunSummary(null, "completed", clock.Elapsed, processed, runTotals, missing, DryRun: true);
    }

    private bool LimitReached => options.Limit is { } limit && Interlocked.Read(ref processedThisInvocation) >= limit;

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
