using PatternQuality.Contracts.Answers;
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
            .WithOperatorCommand(DryRun, gate)
            .WithOperatorCommand(CheckCoverage, gate)
            .WithOperatorCommand(PruneOrphans, gate);
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

    private static readonly OperatorCommand CheckCoverage = new("backfill-check-coverage", "Check coverage",
        "Measures how much of Qdrant is scored now (scored, outdated, unscored, orphan scores) and records it.")
    {
        Arguments = _ => [BackfillArguments.Coverage],
        IconName = "DataPie",
    };

    private static readonly OperatorCommand PruneOrphans = new("backfill-prune-orphans", "Prune orphan scores",
        "Deletes the scores whose pattern is in no collection of Qdrant, into an archive, only if exactly the confirmed number is found.")
    {
        Inputs =
        [
            new InteractionInput
            {
                Name = "orphans",
                Label = "Orphan scores to delete",
                Description = "The orphan scores 'Check coverage' counted. A different count found at the time of the prune refuses it, and nothing changes.",
                InputType = InputType.Number,
                Required = true,
            },
        ],
        Arguments = inputs => [BackfillArguments.Prune, BackfillArguments.ExpectOrphans, ConfirmedCount.Parse(inputs.GetString("orphans"), CheckCoverage.DisplayName)],
        IconName = "Delete",
        NextStep = failure => failure is { Kind: FailureKind.OrphanCountChanged, Orphans: { } orphans }
            ? $"Check why the count changed; to delete the {orphans} orphan scores found now, run it again and confirm {orphans}."
            : null,
        ConfirmationMessage = "Delete every score whose pattern is in no collection of Qdrant? Each deleted score is kept in the archive "
            + "with the prune's id, and `backfill prune --undo ID` puts them back.",
    };
}
