using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.LocalQdrant;

/// <summary>
/// Settings from the command line (<c>--urls</c>, <c>--grpc-url</c>, <c>--data DIR</c>, <c>--api-key KEY</c>) or
/// Qdrant's own environment variables (<c>QDRANT__SERVICE__API_KEY</c>, <c>QDRANT__SERVICE__READ_ONLY_API_KEY</c>);
/// an empty key means none, as in Qdrant. The ports default to Qdrant's, on loopback.
/// </summary>
public sealed record LocalQdrantOptions(string? DataDirectory, string? ApiKey, string? ReadOnlyApiKey, IReadOnlyList<Uri> RestUrls, Uri GrpcUrl)
{
    public const string DefaultRestUrl = "http://127.0.0.1:6333";
    public const string DefaultGrpcUrl = "http://127.0.0.1:6334";

    /// <param name="restUrls">What <see cref="HostingUrls"/> took: <c>--urls</c>, else <c>ASPNETCORE_URLS</c>.</param>
    public static LocalQdrantOptions From(IConfiguration configuration, string? restUrls) => new(
        DataDirectory: NullIfEmpty(configuration["data"])
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PatternQuality", "LocalQdrant"),
        ApiKey: NullIfEmpty(configuration["api-key"]) ?? NullIfEmpty(configuration["QDRANT:SERVICE:API_KEY"]),
        ReadOnlyApiKey: NullIfEmpty(configuration["QDRANT:SERVICE:READ_ONLY_API_KEY"]),
        RestUrls: (NullIfEmpty(restUrls) ?? DefaultRestUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => HttpUrl(url, "--urls")).ToList(),
        GrpcUrl: HttpUrl(NullIfEmpty(configuration["grpc-url"]) ?? DefaultGrpcUrl, "--grpc-url"));

    private static Uri HttpUrl(string text, string option)
    {
        // Kestrel's wildcard hosts, which Uri does not parse.
        var normalised = text.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        return Uri.TryCreate(normalised, UriKind.Absolute, out var uri) && uri.Scheme == "http"
            && (uri.IsLoopback || System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
            ? uri
            : throw new InvalidSettingException($"{option} '{text}' is not an address this store can listen on: expected http://IP:port or http://localhost:port");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
