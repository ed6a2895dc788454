namespace PatternQuality.Backfill.Qdrant;

/// <summary>One page of a scroll, reduced to what scoring reads.</summary>
/// <param name="NextOffsetJson">The <c>next_page_offset</c> as JSON text (a number or a quoted UUID), null on the last page.</param>
public sealed record ScrollPage(IReadOnlyList<ScrolledPoint> Points, string? NextOffsetJson);

/// <summary>A point of a page: its id as JSON text, the pattern id it maps to (null when Qdrant would refuse the id), its payload fields.</summary>
public sealed record ScrolledPoint(string IdJson, Guid? PatternId, Scoring.PayloadFields Payload);
