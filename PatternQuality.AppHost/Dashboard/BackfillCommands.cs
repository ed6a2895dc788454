using PatternQuality.Contracts.Tools;

namespace PatternQuality.AppHost.Dashboard;

/// <summary>
/// The backfill again, from its resource: a run, or a dry run that writes nothing, each a run of the backfill's own
/// command line ending with its summary. While the resource's own run goes on they are refused; two runs on one
/// database are refused by the backfill itself (its advisory lock), whoever starts them.
/// </summary>
internal static class BackfillCommands
{
    public static IResourceBuilder<ProjectResource> WithBackfillCommands(this IResourceBuilder<ProjectResource> backfill)
    {
        var gate = new OperationGate();
        return backfill
            .WithOperatorCommand(RunAgain, gate)
            .WithOperatorCommand(DryRun, gate);
    }

    private static readonly OperatorCommand RunAgain = new("backfill-run-again", "Run again",
        "Scores every pattern in Qdrant again (resuming an unfinished run); unchanged scores are counted, not rewritten.")
    {
        Arguments = _ => [BackfillArguments.Run],
        IconName = "ArrowClockwise",
    };

    private static readonly OperatorCommand DryRun = new("backfill-dry-run", "Dry run",
        "Reads and scores every pattern without writing anything, and reports what a run would do.")
    {
        Arguments = _ => [BackfillArguments.Run, BackfillArguments.DryRun],
        IconName = "Eye",
    };
}
