using System.Security.Cryptography;
using System.Text;

namespace PatternQuality.LocalQdrant;

/// <summary>What a presented key grants, for REST and gRPC alike.</summary>
public enum KeyAccess
{
    /// <summary>No key is configured: everything is open.</summary>
    Open,
    Missing,
    Invalid,
    Full,
    ReadOnly,
}

/// <summary>Qdrant's two keys: the full key, and the read-only key that may read but not write.</summary>
public sealed class ApiKeys(LocalQdrantOptions options)
{
    public const string MissingMessage = "Must provide an API key or an Authorization bearer token";
    public const string InvalidMessage = "Invalid API key or JWT";
    public const string ReadOnlyMessage = "Forbidden: Global manage access is required";

    /// <param name="apiKey">the <c>api-key</c> header or metadata, if any</param>
    /// <param name="authorization">the <c>authorization</c> header or metadata, if any</param>
    public KeyAccess Check(string? apiKey, string? authorization)
    {
        if (options.ApiKey is null && options.ReadOnlyApiKey is null)
        {
            return KeyAccess.Open;
        }

        var presented = !string.IsNullOrEmpty(apiKey) ? apiKey : BearerToken(authorization);
        return presented switch
        {
            null => KeyAccess.Missing,
            _ when Matches(presented, options.ApiKey) => KeyAccess.Full,
            _ when Matches(presented, options.ReadOnlyApiKey) => KeyAccess.ReadOnly,
            _ => KeyAccess.Invalid,
        };
    }

    // Qdrant reads the scheme as written, "Bearer " only: "bearer x" is no key at all.
    private static string? BearerToken(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..].Trim() : null;

    private static bool Matches(string presented, string? expected) =>
        expected is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
