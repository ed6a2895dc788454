using System.Globalization;

namespace PatternQuality.Contracts.Answers;

/// <summary>
/// How much of Qdrant is scored, as measured at <paramref name="MeasuredAt"/> (<c>backfill coverage</c>, and after every
/// run): the points in the scanned collections; those scored by <paramref name="ScorerVersion"/>, by another version
/// (outdated), by none (unscored); and the orphan scores, whose pattern is in none of those collections.
/// </summary>
public sealed record CoverageAnswer(
    DateTimeOffset MeasuredAt, string ScorerVersion, Guid? RunId, long Points, long Scored, long Outdated, long Unscored, long Orphans,
    IReadOnlyList<CollectionCoverage> Collections) : ToolAnswer
{
    /// <summary>The share of points scored by the current scorer, 1 when there are none.</summary>
    public double Fraction => Points == 0 ? 1.0 : (double)Scored / Points;

    /// <summary>"Coverage: 100% (1,085 of 1,085), 0 orphan scores", as the backfill prints it.</summary>
    public override string Headline() => $"Coverage: {Summary()}";

    /// <summary>"100% (1,085 of 1,085), 0 orphan scores", as the dashboard shows it beside "Coverage"; never rounded up to 100%.</summary>
    public string Summary()
    {
        var percent = Math.Floor(Fraction * 1000) / 10;
        var outdated = Outdated > 0 ? $", {Count(Outdated)} outdated" : "";
        return $"{percent.ToString("0.#", CultureInfo.InvariantCulture)}% ({Count(Scored)} of {Count(Points)}){outdated}, "
            + $"{Count(Orphans)} orphan score{(Orphans == 1 ? "" : "s")}";
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>One collection's part of a <see cref="CoverageAnswer"/>; orphans are counted under the collection they were scored from.</summary>
public sealed record CollectionCoverage(string Collection, long Points, long Scored, long Outdated, long Unscored, long Orphans);
