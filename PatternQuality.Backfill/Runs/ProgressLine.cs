using System.Globalization;
using System.Text.RegularExpressions;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// The progress line a backfill writes when nobody watches a terminal. The AppHost reads it back from the
/// backfill's console into the resource's properties, so this file is compiled into both: the format lives once.
/// </summary>
public sealed partial record ProgressLine(
    string Collection, long Done, long? Total, long Stored, long Unchanged, long Rejected, double PatternsPerSecond)
{
    public string TotalText => Total?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>" (42%)", or nothing while the total is unknown.</summary>
    public string PercentText => Total is > 0 ? $" ({(100.0 * Done / Total.Value).ToString("0", CultureInfo.InvariantCulture)}%)" : "";

    public string RateText => $"{PatternsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} patterns/s";

    public string Format() =>
        $"progress: {Collection} {Done}/{TotalText}{PercentText}, stored {Stored}, unchanged {Unchanged}, rejected {Rejected}, {RateText}";

    /// <summary>Finds a progress line in <paramref name="text"/>, wherever a log prefix put it.</summary>
    public static bool TryParse(string text, out ProgressLine line)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            line = null!;
            return false;
        }

        long Number(string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        line = new ProgressLine(
            match.Groups["collection"].Value,
            Number("done"),
            match.Groups["total"].Value == "?" ? null : Number("total"),
            Number("stored"),
            Number("unchanged"),
            Number("rejected"),
            double.Parse(match.Groups["rate"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        return true;
    }

    [GeneratedRegex(@"progress: (?<collection>\S+) (?<done>\d+)/(?<total>\d+|\?)(?: \(\d+%\))?, stored (?<stored>\d+), unchanged (?<unchanged>\d+), rejected (?<rejected>\d+), (?<rate>[\d,]+) patterns/s")]
    private static partial Regex Pattern();
}
