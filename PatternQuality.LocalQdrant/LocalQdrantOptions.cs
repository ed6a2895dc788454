namespace PatternQuality.LocalQdrant;

/// <summary>
/// Settings from the command line (<c>--data DIR</c>, <c>--api-key KEY</c>) or Qdrant's own
/// environment variables (<c>QDRANT__SERVICE__API_KEY</c>, <c>QDRANT__SERVICE__READ_ONLY_API_KEY</c>);
/// an empty key means none, as in Qdrant.
/// </summary>
public sealed record LocalQdrantOptions(string? DataDirectory, string? ApiKey, string? ReadOnlyApiKey)
{
    public static LocalQdrantOptions From(IConfiguration configuration) => new(
        DataDirectory: NullIfEmpty(configuration["data"])
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PatternQuality", "LocalQdrant"),
        ApiKey: NullIfEmpty(configuration["api-key"]) ?? NullIfEmpty(configuration["QDRANT:SERVICE:API_KEY"]),
        ReadOnlyApiKey: NullIfEmpty(configuration["QDRANT:SERVICE:READ_ONLY_API_KEY"]));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
