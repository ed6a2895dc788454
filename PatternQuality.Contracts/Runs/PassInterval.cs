using System.Globalization;
using System.Text.RegularExpressions;

namespace PatternQuality.Contracts.Runs;

/// <summary>
/// How long a backfill kept running (<c>run --every</c>) waits between passes: a whole number and a unit, <c>30s</c>, <c>15m</c>,
/// <c>6h</c> or <c>1d</c>, from one second to seven days. The backfill reads it, and the AppHost reads the same text.
/// </summary>
public static partial class PassInterval
{
    public const string Format = "a whole number with s, m, h or d (30s, 15m, 6h, 1d), from 1s to 7d";

    private static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    /// <returns>Null with the reason in <paramref name="error"/> when the text is not an interval.</returns>
    public static TimeSpan? Parse(string text, out string? error)
    {
        var match = Pattern().Match(text.Trim());
        error = null;
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 604_800)
        {
            var interval = match.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(count),
                "m" => TimeSpan.FromMinutes(count),
                "h" => TimeSpan.FromHours(count),
                _ => TimeSpan.FromDays(count),
            };
            if (interval <= Longest)
            {
                return interval;
            }
        }

        error = $"'{text}' is not an interval: give {Format}";
        return null;
    }

    [GeneratedRegex("^([0-9]+)([smhd])$")]
    private static partial Regex Pattern();
}
