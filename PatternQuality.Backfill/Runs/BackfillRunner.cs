using System.Diagnostics;
using PatternQuality.Backfill.Runs.Modes;
using PatternQuality.ServiceDefaults.Telemetry;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// Scores every pattern of the chosen Qdrant collections, doing with the scores what its <see cref="IRunMode"/> does.
/// Each collection is split into segments of its id space, processed side by side, each through a two-stage pipeline
/// (<see cref="SegmentPipeline"/>), so memory is bounded by a few batches per segment. Stored with the run journal, every
/// batch commits its checkpoint with its rows: a run killed anywhere resumes after its last committed batch, and
/// others given the same run name share it (<see cref="Workers.JournaledRun"/>).
/// </summary>
public sealed class BackfillRunner(Invocation invocation, IRunMode mode)
{
    public async Task<RunSummary> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = BackfillTelemetry.Source.StartActivity("backfill run");
        activity?.SetTag("backfill.batch_size", invocation.Options.BatchSize);
        activity?.SetTag("backfill.dry_run", mode.DryRun);
        var clock = Stopwatch.StartNew();
        try
        {
            var collections = await ResolveCollectionsAsync(cancellationToken);
            var outcome = await mode.RunAsync(collections, activity, cancellationToken);
            return new RunSummary(
                outcome.RunId, outcome.Status, clock.Elapsed, invocation.Progress.Processed, outcome.Totals, collections.Missing, mode.DryRun);
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            throw;
        }
    }

    private async Task<RunCollections> ResolveCollectionsAsync(CancellationToken cancellationToken)
    {
        var existing = (await invocation.Qdrant.ListCollectionsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var options = invocation.Options;
        var missing = options.Collections.Where(c => !existing.Contains(c)).ToList();
        if (options.Collection is not null and not "all" && missing.Count > 0)
        {
            throw new BackfillException($"collection '{options.Collection}' does not exist in Qdrant");
        }

        foreach (var name in missing)
        {
            invocation.Reports.Text.WriteLine($"collection {name} does not exist in Qdrant; skipping it");
        }

        return new RunCollections(options.Collections.Where(existing.Contains).ToList(), missing);
    }
}
