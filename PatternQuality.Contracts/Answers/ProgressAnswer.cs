using System.Globalization;

namespace PatternQuality.Contracts.Answers;

/// <summary>A backfill's progress through a collection, written every few seconds while it runs.</summary>
public sealed record ProgressAnswer(
    string Collection, long Done, long? Total, long Stored, long Unchanged, long Rejected, double PatternsPerSecond) : ToolAnswer
{
    public string TotalText() => Total?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>" (42%)", or nothing while the total is unknown.</summary>
    public string PercentText() => Total is > 0 ? $" ({(100.0 * Done / Total.Value).ToString("0", CultureInfo.InvariantCulture)}%)" : "";

    public string RateText() => Rate(PatternsPerSecond);

    public static string Rate(double patternsPerSecond) => $"{patternsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} patterns/s";

    public override string Headline() =>
        $"progress: {Collection} {Done}/{TotalText()}{PercentText()}, stored {Stored}, unchanged {Unchanged}, rejected {Rejected}, {RateText()}";
}
