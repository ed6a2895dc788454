namespace PatternQuality.Contracts.Tools;

/// <summary>The backfill's commands and options that other processes pass: the backfill parses these names, the AppHost passes them.</summary>
public static class BackfillArguments
{
    public const string Run = "run";

    public const string SeedDemo = "seed-demo";

    /// <summary>Score and report, write nothing.</summary>
    public const string DryRun = "--dry-run";

    /// <summary>Workers given the same run name share one run.</summary>
    public const string RunName = "--run-name";

    /// <summary>run: a pass, a wait of this interval (<see cref="Runs.PassInterval"/>), another pass, until stopped.</summary>
    public const string Every = "--every";

    public const string Coverage = "coverage";

    public const string Prune = "prune";

    /// <summary>prune: delete the orphan scores only if exactly this many are found.</summary>
    public const string ExpectOrphans = "--expect-orphans";

    /// <summary>prune: put a prune's scores back.</summary>
    public const string Undo = "--undo";

    /// <summary>seed-demo: nothing to do when the demo's collections already hold points.</summary>
    public const string IfEmpty = "--if-empty";

    /// <summary>seed-demo: seconds to wait for the lineage table while a migrator runs beside it.</summary>
    public const string WaitForSchema = "--wait-for-schema";
}
