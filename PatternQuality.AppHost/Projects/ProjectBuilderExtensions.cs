namespace PatternQuality.AppHost.Projects;

internal static class ProjectBuilderExtensions
{
    /// <summary>Adds the project at <paramref name="relativePath"/> (from the AppHost's folder), started without a rebuild.</summary>
    public static IResourceBuilder<ProjectResource> AddProjectByPath(this IDistributedApplicationBuilder builder, string name, string relativePath) =>
        builder.AddProjectByPath(new ProjectResource(name), relativePath);

    /// <summary>Adds a project resource of a type of our own (one that also carries a connection string, say) in the same way.</summary>
    public static IResourceBuilder<T> AddProjectByPath<T>(this IDistributedApplicationBuilder builder, T project, string relativePath)
        where T : ProjectResource
    {
        var metadata = new ProjectByPath(relativePath);
        var resource = builder.AddResource(project).WithAnnotation<IProjectMetadata>(metadata);

        // Both are evaluation APIs in 13.6: the defaults AddProject applies (public for project types of one's own),
        // and launch tool arguments, here `dotnet exec` of the built program instead of `dotnet run --no-build`,
        // which evaluates the project (about 2 s) before every start: the chain migrator, seed-demo, backfill paid it thrice.
#pragma warning disable ASPIREPROJECTS001, ASPIREEXTENSION001
        resource.WithProjectDefaults(new ProjectResourceOptions());
        resource.WithLaunchToolArgs(context =>
        {
            if (File.Exists(metadata.BuiltProgram))
            {
                context.Args.Add("exec");
                context.Args.Add(metadata.BuiltProgram);
            }
        }, showInCommandLine: false);
#pragma warning restore ASPIREPROJECTS001, ASPIREEXTENSION001
        return resource;
    }
}
