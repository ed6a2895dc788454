namespace PatternQuality.AppHost.Hosting;

/// <summary>Wiring between resources: references, waits, arguments and environment, as Aspire.Hosting spells them.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<T> WithAnnotation<T>(this IResourceBuilder<T> builder, IResourceAnnotation annotation) where T : IResource
    {
        builder.Resource.Annotations.Add(annotation);
        return builder;
    }

    /// <summary>Injects <c>ConnectionStrings__{name}</c>; for Qdrant also <c>ConnectionStrings__{name}_http</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResourceWithEnvironment
    {
        var resource = source.Resource;
        builder.WithAnnotation(new ResourceReferenceAnnotation(resource));
        return builder.WithEnvironment(context =>
        {
            context.EnvironmentVariables[$"ConnectionStrings__{resource.Name}"] = resource;
            if (resource is QdrantServerResource qdrant)
            {
                context.EnvironmentVariables[$"ConnectionStrings__{resource.Name}_http"] = qdrant.HttpConnectionStringExpression;
            }
        });
    }

    /// <summary>Service discovery: <c>services__{name}__{endpoint}__0</c> for each of the project's endpoints.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> source)
        where T : IResourceWithEnvironment
    {
        var resource = source.Resource;
        builder.WithAnnotation(new ResourceReferenceAnnotation(resource));
        return builder.WithEnvironment(context =>
        {
            foreach (var endpoint in resource.Endpoints())
            {
                context.EnvironmentVariables[$"services__{resource.Name}__{endpoint.Name}__0"] = resource.GetEndpoint(endpoint.Name).Url;
            }
        });
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, Action<EnvironmentCallbackContext> callback)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(callback));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment =>
        builder.WithEnvironment(context => context.EnvironmentVariables[name] = value);

    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params string[] args) where T : IResourceWithArgs =>
        builder.WithAnnotation(new CommandLineArgsAnnotation(args));

    /// <summary>Starts this resource only once <paramref name="dependency"/> is Running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource, WaitType.WaitUntilHealthy));

    /// <summary>Starts this resource only once <paramref name="dependency"/> has exited with <paramref name="exitCode"/>.</summary>
    public static IResourceBuilder<T> WaitForCompletion<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency, int exitCode = 0)
        where T : IResourceWithWaitSupport =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource, WaitType.WaitUntilCompleted, exitCode));

    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, string name = "http")
        where T : IResourceWithEndpoints
    {
        if (builder.Resource.Endpoints().Any(e => e.Name == name))
        {
            throw new InvalidOperationException($"resource '{builder.Resource.Name}' already has an endpoint named '{name}'");
        }

        return builder.WithAnnotation(new EndpointAnnotation(name, "http", "http", targetPort: null, port));
    }

    /// <summary>Marks every HTTP endpoint as reachable from outside the deployment.</summary>
    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder) where T : IResourceWithEndpoints
    {
        foreach (var endpoint in builder.Resource.Endpoints().Where(e => e.Scheme is "http" or "https"))
        {
            endpoint.IsExternal = true;
        }

        return builder;
    }

    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health", string endpointName = "http")
        where T : IResourceWithEndpoints
    {
        if (!builder.Resource.Endpoints().Any(e => e.Name == endpointName))
        {
            throw new InvalidOperationException($"resource '{builder.Resource.Name}' has no endpoint '{endpointName}' to check");
        }

        return builder.WithAnnotation(new HttpHealthCheckAnnotation(path, endpointName));
    }
}
