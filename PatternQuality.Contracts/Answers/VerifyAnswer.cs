using System.Globalization;

namespace PatternQuality.Contracts.Answers;

/// <summary>The operator's checks after 013 (<c>migrator verify</c>).</summary>
public sealed record VerifyAnswer(
    long ForeignKeys, bool UniqueKey, long Rows, long? ExpectedRows, BandCounts Bands, double? AverageQuality, IReadOnlyList<string> Failures)
    : ToolAnswer
{
    public bool Passed => Failures.Count == 0;

    public override string Headline() => Passed
        ? $"verify: passed ({Rows} rows, average quality {AverageQuality?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "-"})"
        : $"verify failed: {string.Join("; ", Failures)}";
}

/// <summary>How many scores fall in each quality band.</summary>
public sealed record BandCounts(long Excellent, long Good, long Fair, long Poor);
