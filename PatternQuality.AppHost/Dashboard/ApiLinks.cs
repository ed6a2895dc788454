namespace PatternQuality.AppHost.Dashboard;

internal static class ApiLinks
{
    /// <summary>Links on the API's resource: its interactive page (Scalar, served in Development, as the AppHost runs it) and the distribution.</summary>
    public static IResourceBuilder<ProjectResource> WithApiLinks(this IResourceBuilder<ProjectResource> api) => api
        .WithUrlForEndpoint("http", _ => new() { Url = "/scalar", DisplayText = "API reference (Scalar)" })
        .WithUrlForEndpoint("http", _ => new() { Url = "/quality/distribution", DisplayText = "Score distribution" });
}
