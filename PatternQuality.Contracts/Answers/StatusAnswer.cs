using System.Globalization;

namespace PatternQuality.Contracts.Answers;

/// <summary>Every known and recorded migration with its state, and what <c>up</c> would do (<c>migrator status</c>).
/// <see cref="Version"/> is the highest version applied or to be adopted, null before any.</summary>
public sealed record StatusAnswer(
    int? Version, bool JournalExists, IReadOnlyList<MigrationState> Migrations, IReadOnlyList<int> WouldAdopt, IReadOnlyList<int> WouldApply)
    : ToolAnswer
{
    public IReadOnlyList<int> Changed => [.. Migrations.Where(m => m.State == MigrationStateKind.Changed).Select(m => m.Version)];

    public override string Headline()
    {
        var at = Version is { } version ? $"at version {Versions.Label(version)}" : "no migration applied";
        var adopt = WouldAdopt.Count == 0 ? "" : $"adopt {string.Join(", ", WouldAdopt.Select(Versions.Label))} and ";
        var apply = WouldApply.Count == 0 ? "apply nothing" : $"apply {string.Join(", ", WouldApply.Select(Versions.Label))}";
        var changed = Changed.Count == 0 ? "" : $" (changed since applied: {string.Join(", ", Changed.Select(Versions.Label))})";
        return $"{at}; `up` would {adopt}{apply}{changed}";
    }
}

public sealed record MigrationState(int Version, string Name, MigrationStateKind State, DateTimeOffset? AppliedAt);

public enum MigrationStateKind { Pending, Applied, Adopted, Changed, Unknown }

/// <summary>How a migration's version is written: three digits.</summary>
public static class Versions
{
    public static string Label(int version) => version.ToString("D3", CultureInfo.InvariantCulture);
}
