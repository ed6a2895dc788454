using System.Diagnostics;

namespace PatternQuality.Backfill.Runs.Modes;

/// <summary>What a backfill does with the patterns it scores: report them (<see cref="DryRunMode"/>) or store them (<see cref="StoringRunMode"/>).</summary>
public interface IRunMode
{
    /// <summary>Whether the run writes nothing.</summary>
    bool DryRun { get; }

    Task<RunOutcome> RunAsync(RunCollections collections, Activity? runActivity, CancellationToken cancellationToken);
}
