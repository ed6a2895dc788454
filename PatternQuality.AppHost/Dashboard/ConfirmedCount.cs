using System.Globalization;

namespace PatternQuality.AppHost.Dashboard;

/// <summary>A count of scores the operator confirms before they are deleted, as typed into a command's input.</summary>
internal static class ConfirmedCount
{
    /// <param name="namedBy">the command whose refusal named the count</param>
    public static string Parse(string? text, string namedBy) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"'{text}' is not a number of scores: give the count '{namedBy}' named, a whole number of 0 or more");
}
