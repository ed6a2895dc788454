namespace PatternQuality.LocalQdrant.Api;

public static class ServiceEndpoints
{
    /// <summary>The compatibility version this store answers to; the commit names what it really is.</summary>
    public const string CompatibleVersion = "1.19.0";
    public const string Title = "qdrant - vector search engine";
    public const string Commit = "patternquality-localqdrant";

    public static void MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Json(new
        {
            title = Title,
            version = CompatibleVersion,
            commit = Commit,
        }));
        app.MapGet("/healthz", () => Results.Text("healthz check passed"));
        app.MapGet("/livez", () => Results.Text("healthz check passed"));
        app.MapGet("/readyz", () => Results.Text("all shards are ready"));
    }
}
