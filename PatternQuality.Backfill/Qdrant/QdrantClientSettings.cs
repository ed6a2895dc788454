using System.Data.Common;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// Where Qdrant's gRPC API is and its key, in the shape of Aspire.Qdrant.Client's settings (section
/// <c>Aspire:Qdrant:Client</c>; connection string <c>Endpoint=http://host:6334;Key=...</c> or a plain URL).
/// </summary>
public sealed class QdrantClientSettings
{
    public Uri? Endpoint { get; set; }

    public string? Key { get; set; }

    public bool DisableHealthChecks { get; set; }

    public TimeSpan? HealthCheckTimeout { get; set; }

    /// <summary>Takes what the connection string gives; what it leaves out keeps its value.</summary>
    public void ParseConnectionString(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            Endpoint = uri;
            return;
        }

        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            throw new ServiceDefaults.Configuration.InvalidSettingException("invalid Qdrant connection string: expected a URL or Endpoint=...;Key=...");
        }

        if (parts.TryGetValue("Endpoint", out var endpoint))
        {
            Endpoint = Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new ServiceDefaults.Configuration.InvalidSettingException("invalid Qdrant address in the connection string: expected Endpoint=http(s)://host:port");
        }

        if (parts.TryGetValue("Key", out var key) && key?.ToString() is { Length: > 0 } text)
        {
            Key = text;
        }
    }
}
