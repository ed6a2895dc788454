namespace PatternQuality.AppHost.Projects;

internal static class ProjectBuilderExtensions
{
    /// <summary>Adds the project at <paramref name="relativePath"/> (from the AppHost's folder), started without a rebuild.</summary>
    public static IResourceBuilder<ProjectResource> AddProjectByPath(this IDistributedApplicationBuilder builder, string name, string relativePath) =>
        builder.AddProjectByPath(new ProjectResource(name), relativePath);

    /// <summary>Adds a project resource of a type of our own (one that also carries a connection string, say) in the same way.</summary>
    public static IResourceBuilder<T> AddProjectByPath<T>(this IDistributedApplicationBuilder builder, T project, string relativePath)
        where T : ProjectResource =>
#pragma warning disable ASPIREPROJECTS001 // the project defaults AddProject applies; public for project resources of one's own type

        builder.AddResource(project)
            .WithAnnotation<IProjectMetadata>(new ProjectByPath(relativePath))
            .WithProjectDefaults(new ProjectResourceOptions());
#pragma warning restore ASPIREPROJECTS001
}
