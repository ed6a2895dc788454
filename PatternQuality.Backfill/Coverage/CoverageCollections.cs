using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Runs;

namespace PatternQuality.Backfill.Coverage;

/// <summary>The collections coverage is measured over: every default collection of the backfill that Qdrant holds.</summary>
public static class CoverageCollections
{
    public static async Task<IReadOnlyList<string>> ExistingAsync(QdrantPatterns qdrant, CancellationToken cancellationToken)
    {
        var existing = (await qdrant.ListCollectionsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return BackfillOptions.DefaultCollections.Where(existing.Contains).ToList();
    }
}
