using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Requests;

/// <summary>Filters, on either transport: this store reads whole collections and says so instead of ignoring a filter.</summary>
public static class Filters
{
    public static QdrantError Unsupported() =>
        QdrantError.Format("filter: filters are not supported by PatternQuality.LocalQdrant (a local stand-in, not Qdrant)");
}
