namespace PatternQuality.Contracts.Tools;

/// <summary>The migrator's commands and options that other processes pass: the migrator parses these names, the AppHost passes them.</summary>
public static class MigratorArguments
{
    public const string Up = "up";

    public const string Down = "down";

    public const string Status = "status";

    public const string Verify = "verify";

    /// <summary>down 013: delete the scores without a lineage node instead of refusing.</summary>
    public const string DeleteOrphans = "--delete-orphans";

    /// <summary>With <see cref="DeleteOrphans"/>: only if exactly this many are found.</summary>
    public const string ExpectOrphans = "--expect-orphans";
}
