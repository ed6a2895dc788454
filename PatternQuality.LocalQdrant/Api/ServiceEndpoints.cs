using PatternQuality.LocalQdrant.Requests;

namespace PatternQuality.LocalQdrant.Api;

public static class ServiceEndpoints
{
    public static void MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Json(new
        {
            title = ServerIdentity.Title,
            version = ServerIdentity.CompatibleVersion,
            commit = ServerIdentity.Commit,
        }));
        app.MapGet("/healthz", () => Results.Text("healthz check passed"));
        app.MapGet("/livez", () => Results.Text("healthz check passed"));
        app.MapGet("/readyz", () => Results.Text("all shards are ready"));
    }
}
