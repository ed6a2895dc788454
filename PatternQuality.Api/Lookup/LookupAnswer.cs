using PatternQuality.Api.Quality;

namespace PatternQuality.Api.Lookup;

/// <summary>The scores found, and what was asked for and has none.</summary>
public sealed record LookupAnswer(IReadOnlyList<PatternQualityView> Found, NotFound NotFound);

public sealed record NotFound(IReadOnlyList<Guid> PatternIds, IReadOnlyList<PointRef> Points);
