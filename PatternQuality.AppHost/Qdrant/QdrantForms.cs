using PatternQuality.AppHost.Servers;

namespace PatternQuality.AppHost.Qdrant;

internal static class QdrantForms
{
    /// <summary>
    /// Qdrant in the form this machine allows: the server given by <c>ConnectionStrings:{name}</c> (nothing started);
    /// a container where <see cref="ServerForms.Choose"/> says so (the
    /// official image, or <c>AppHost:Images:{name}</c>), with a data volume; else PatternQuality.LocalQdrant.
    /// </summary>
    public static IResourceBuilder<IQdrantResource> AddQdrantServer(this IDistributedApplicationBuilder builder, string name)
    {
        return ServerForms.Choose(builder, name) switch
        {
            ServerForm.Existing => builder.AddExistingQdrant(name),
            ServerForm.Container => builder.AddQdrant(name).WithConfiguredImage().WithEngineWatch().WithDataVolume(ServerForms.DataVolume(builder, name)),
            _ => builder.AddLocalQdrant(name, AppHostData.Directory(builder, name)),
        };
    }

    /// <summary>Whether this AppHost runs the server itself (and may seed it), rather than using one the user runs.</summary>
    public static bool IsStartedHere(this IResourceBuilder<IQdrantResource> qdrant) => qdrant.Resource is not ExistingQdrantResource;
}
