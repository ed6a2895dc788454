namespace PatternQuality.Contracts.Answers;

/// <summary>What <c>migrator up</c> or <c>down</c> did: the steps, in order, and the version the database is at now.</summary>
public sealed record MigrationAnswer(MigrationDirection Direction, int Version, IReadOnlyList<MigrationStep> Steps) : ToolAnswer
{
    /// <summary>Migrations recorded as applied because the schema already had them (a first <c>up</c> on an existing database).</summary>
    public IReadOnlyList<int> Adopted { get; init; } = [];

    /// <summary>Scores without a lineage node deleted by a rollback of 013 given <c>--delete-orphans</c>.</summary>
    public long? DeletedOrphans { get; init; }

    public override string Headline()
    {
        var at = $"database is at version {(Version == 0 ? "000 (empty)" : Versions.Label(Version))}";
        var deleted = DeletedOrphans is > 0 ? $", deleted {DeletedOrphans} orphan score rows" : "";
        return (Direction, Steps.Count) switch
        {
            (MigrationDirection.Up, 0) => $"{at}; nothing to apply",
            (MigrationDirection.Up, var count) => $"{at}; applied {count} migration(s)",
            (_, 0) => $"{at}; nothing to roll back",
            (_, var count) => $"{at}; rolled back {count} migration(s){deleted}",
        };
    }
}

public sealed record MigrationStep(int Version, string Name, long ElapsedMilliseconds);

public enum MigrationDirection { Up, Down }
