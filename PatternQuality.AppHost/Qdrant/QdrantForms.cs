namespace PatternQuality.AppHost.Qdrant;

internal static class QdrantForms
{
    /// <summary>
    /// Qdrant in the form this machine allows: the server given by <c>ConnectionStrings:{name}</c> (nothing started);
    /// the official image with a data volume where an engine answers, and always when publishing; else PatternQuality.LocalQdrant.
    /// </summary>
    public static IResourceBuilder<IQdrantResource> AddQdrantServer(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsRunMode && builder.Configuration[$"ConnectionStrings:{name}"] is { Length: > 0 })
        {
            return builder.AddExistingQdrant(name);
        }

        if (builder.ExecutionContext.IsPublishMode || ContainerEngine.Answers)
        {
            return builder.AddQdrant(name).WithDataVolume("patternquality-qdrant-data");
        }

        return builder.AddLocalQdrant(name, AppHostData.Directory(builder, name));
    }

    /// <summary>Whether this AppHost runs the server itself (and may seed it), rather than using one the user runs.</summary>
    public static bool IsStartedHere(this IResourceBuilder<IQdrantResource> qdrant) => qdrant.Resource is not ExistingQdrantResource;
}
