using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Schema;
using PatternQuality.Contracts.Tools;

namespace PatternQuality.AppHost.Dashboard;

/// <summary>
/// Migration 013's operator procedures on the migrator's resource, each a run of the migrator's own command line:
/// verify, status, the guarded rollback (refused while orphan scores exist; their deletion only for the count the
/// operator confirms) and re-applying after it.
/// </summary>
internal static class MigrationCommands
{
    /// <summary>The migration the rollback undoes (with every one after it): the one that dropped the lineage key.</summary>
    private static readonly string DropsLineageKey = Versions.Label(LineageForeignKey.DroppedBy);

    public static IResourceBuilder<ProjectResource> WithMigrationCommands(this IResourceBuilder<ProjectResource> migrator)
    {
        var gate = new OperationGate();
        return migrator
            .WithOperatorCommand(Verify, gate)
            .WithOperatorCommand(Status, gate)
            .WithOperatorCommand(RollBack, gate)
            .WithOperatorCommand(RollBackDeletingOrphans, gate)
            .WithOperatorCommand(Reapply, gate);
    }

    private static readonly OperatorCommand Verify = new("verify-013", "Verify 013",
        "The checks after 013: no foreign key on pattern_quality_metrics, its unique key, the rows, the four bands and the average.")
    {
        Arguments = _ => [MigratorArguments.Verify],
        IconName = "CheckmarkCircle",
    };

    private static readonly OperatorCommand Status = new("migration-status", "Status",
        "Each migration's state, the version the database is at, and what `up` would apply or adopt.")
    {
        Arguments = _ => [MigratorArguments.Status],
        IconName = "Info",
    };

    private static readonly OperatorCommand RollBack = new("rollback-013", "Roll back 013",
        "Restores the lineage foreign key; refused, with nothing changed, while scores without a lineage node exist.")
    {
        Arguments = _ => [MigratorArguments.Down, DropsLineageKey],
        IconName = "ArrowUndo",
        ConfirmationMessage = "Roll back migration 013 and every migration after it, in one transaction? The foreign key to "
            + "pattern_lineage_nodes comes back. While scores without a lineage node exist it is refused and nothing changes.",
        NextStep = failure => failure is { Kind: FailureKind.OrphansExist, Orphans: { } orphans }
            ? $"To delete those {orphans} scores with the rollback, run 'Roll back 013, deleting orphans' and confirm {orphans}."
            : null,
    };

    private static readonly OperatorCommand RollBackDeletingOrphans = new("rollback-013-delete-orphans", "Roll back 013, deleting orphans",
        "Deletes the scores without a lineage node and rolls 013 back, in one transaction, only if exactly the confirmed number is found.")
    {
        Inputs =
        [
            new InteractionInput
            {
                Name = "orphans",
                Label = "Scores to delete",
                Description = "The number of scores without a lineage node that 'Roll back 013' named. A different count "
                    + "found at the time of the rollback refuses it, and nothing changes.",
                InputType = InputType.Number,
                Required = true,
            },
        ],
        Arguments = inputs => [MigratorArguments.Down, DropsLineageKey, MigratorArguments.DeleteOrphans, MigratorArguments.ExpectOrphans, ConfirmedCount.Parse(inputs.GetString("orphans"), RollBack.DisplayName)],
        IconName = "Delete",
        NextStep = failure => failure is { Kind: FailureKind.OrphanCountChanged, Orphans: { } orphans }
            ? $"Check why the count changed; to delete the {orphans} scores found now, run it again and confirm {orphans}."
            : null,
        ConfirmationMessage = "Delete every score that has no lineage node and roll back 013 and every migration after it, in the "
            + "same transaction? The deleted scores come back only by running the backfill again after re-applying 013.",
    };

    private static readonly OperatorCommand Reapply = new("reapply", "Re-apply",
        "Runs `up` again: applies what a rollback undid (013 and after) and drops the lineage foreign key again.")
    {
        Arguments = _ => [MigratorArguments.Up],
        IconName = "ArrowRedo",
    };
}
