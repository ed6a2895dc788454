using System.Net;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>Qdrant answered with an error (after the resilience handler's retries, for transient ones).</summary>
public sealed class QdrantException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
