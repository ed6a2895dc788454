using System.Text.Json;

namespace PatternQuality.Api.Coverage;

/// <summary>
/// The last measurement of how much of Qdrant is scored, as the backfill recorded it, and how old it is: points, scored by
/// its scorer version, outdated, unscored, orphan scores, in total and per collection (<c>collections</c>, as recorded).
/// </summary>
public sealed record CoverageView(
    DateTimeOffset MeasuredAt, double AgeSeconds, string ScorerVersion, Guid? RunId, long Points, long Scored, long Outdated, long Unscored,
    long Orphans, double Coverage, JsonElement Collections);
