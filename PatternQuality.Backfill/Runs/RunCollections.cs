namespace PatternQuality.Backfill.Runs;

/// <summary>The collections a run was asked for: those Qdrant has, and those it does not (skipped, and reported).</summary>
public sealed record RunCollections(IReadOnlyList<string> Present, IReadOnlyList<string> Missing);
