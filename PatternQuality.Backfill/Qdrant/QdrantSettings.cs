using System.Data.Common;
using Microsoft.Extensions.Configuration;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// Where Qdrant's REST API is and its key: <c>--qdrant-url</c>, then the Aspire connection
/// string <c>ConnectionStrings:qdrant_http</c> (<c>Endpoint=http://host:port;Key=...</c>), then
/// <c>QDRANT_URL</c>; the key from the connection string, else <c>QDRANT_API_KEY</c>.
/// </summary>
public sealed record QdrantSettings(Uri Endpoint, string? ApiKey)
{
    public const string ConnectionName = "qdrant_http";

    public static QdrantSettings Resolve(string? flagValue, IConfiguration configuration)
    {
        var (value, source) = FirstGiven(
            (flagValue, "--qdrant-url"),
            (configuration.GetConnectionString(ConnectionName), $"ConnectionStrings:{ConnectionName}"),
            (configuration["QDRANT_URL"], "QDRANT_URL"));
        if (value is null)
        {
            throw new InvalidSettingException(
                $"no Qdrant given: pass --qdrant-url, or set ConnectionStrings__{ConnectionName} or QDRANT_URL");
        }

        var settings = Parse(value, source);
        var environmentKey = configuration["QDRANT_API_KEY"];
        return settings.ApiKey is null && !string.IsNullOrEmpty(environmentKey) ? settings with { ApiKey = environmentKey } : settings;
    }

    /// <summary>A plain URL, or Aspire's <c>Endpoint=...;Key=...</c> connection string.</summary>
    public static QdrantSettings Parse(string value, string source = "the Qdrant address")
    {
        var trimmed = value.Trim();
        string endpoint;
        string? key = null;
        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            endpoint = trimmed;
        }
        else
        {
            var parts = new DbConnectionStringBuilder();
            try
            {
                parts.ConnectionString = trimmed;
            }
            catch (ArgumentException)
            {
                throw new InvalidSettingException($"invalid Qdrant connection string (from {source}): expected a URL or Endpoint=...;Key=...");
            }

            endpoint = parts.TryGetValue("Endpoint", out var e) ? e?.ToString() ?? "" : "";
            key = parts.TryGetValue("Key", out var k) && k?.ToString() is { Length: > 0 } text ? text : null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidSettingException($"invalid Qdrant address (from {source}): expected http(s)://host:port");
        }

        return new QdrantSettings(uri, key);
    }

    private static (string? Value, string Source) FirstGiven(params (string? Value, string Source)[] candidates) =>
        candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Value)) is { Value: not null } found ? found : (null, "");
}
