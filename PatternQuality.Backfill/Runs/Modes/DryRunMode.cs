using System.Diagnostics;
using PatternQuality.Backfill.Runs.Destinations;
using PatternQuality.Contracts.Runs;

namespace PatternQuality.Backfill.Runs.Modes;

/// <summary>Scores every pattern and reports what a run would do; writes nothing, needs no database.</summary>
public sealed class DryRunMode(Invocation invocation) : IRunMode
{
    public bool DryRun => true;

    public async Task<RunOutcome> RunAsync(RunCollections collections, Activity? runActivity, CancellationToken cancellationToken)
    {
        await new CollectionPass(invocation, DiscardedBatches.Instance).RunAsync(collections.Present, cancellationToken);

        // Nothing is left to resume: a dry run is complete as far as it was asked to go (its limit included).
        return new RunOutcome(null, RunStatus.Completed, invocation.Totals.ToRunTotals());
    }
}
