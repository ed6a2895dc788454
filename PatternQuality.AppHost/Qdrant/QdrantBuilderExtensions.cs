using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PatternQuality.AppHost.Projects;
using PatternQuality.AppHost.Publishing;

namespace PatternQuality.AppHost.Qdrant;

internal static class QdrantBuilderExtensions
{
    private const int GrpcPort = 6334;
    private const int HttpPort = 6333;
    private const string ApiKeyVariable = "QDRANT__SERVICE__API_KEY";

    /// <summary>Qdrant from its official image: <c>http</c> (6333) and <c>grpc</c> (6334), the <c>{name}-Key</c> secret, ready at <c>/readyz</c>.</summary>
    public static IResourceBuilder<QdrantServerResource> AddQdrant(this IDistributedApplicationBuilder builder, string name)
    {
        var qdrant = new QdrantServerResource(name, ApiKey(builder, name));
        return builder.AddResource(qdrant)
            .WithImage("qdrant/qdrant", "v1.19.0")
            .WithImageRegistry("docker.io")
            .WithHttpEndpoint(targetPort: GrpcPort, name: QdrantServerResource.GrpcEndpointName)
            .WithEndpoint(QdrantServerResource.GrpcEndpointName, endpoint => endpoint.Transport = "http2")
            .WithHttpEndpoint(targetPort: HttpPort, name: QdrantServerResource.HttpEndpointName)
            .WithEnvironment(context => context.EnvironmentVariables[ApiKeyVariable] = qdrant.ApiKeyParameter)
            .WithHttpHealthCheck("/readyz", endpointName: QdrantServerResource.HttpEndpointName)
            .WithAnnotation(new ReadinessCommandAnnotation(["bash", "-c", $":> /dev/tcp/127.0.0.1/{HttpPort}"]))
            .WithUrlForEndpoint(QdrantServerResource.GrpcEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly);
    }

    public static IResourceBuilder<QdrantServerResource> WithDataVolume(this IResourceBuilder<QdrantServerResource> builder, string? name = null) =>
        builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), "/qdrant/storage");

    /// <summary>PatternQuality.LocalQdrant, the project's Qdrant-compatible store, its data in <paramref name="dataDirectory"/>.</summary>
    public static IResourceBuilder<LocalQdrantResource> AddLocalQdrant(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var qdrant = new LocalQdrantResource(name, ApiKey(builder, name));
        return builder.AddProjectByPath(qdrant, "../PatternQuality.LocalQdrant/PatternQuality.LocalQdrant.csproj")
            .WithHttpEndpoint(name: QdrantServerResource.HttpEndpointName)
            .WithHttpEndpoint(name: QdrantServerResource.GrpcEndpointName)
            .WithEndpoint(QdrantServerResource.GrpcEndpointName, endpoint => endpoint.Transport = "http2")
            .WithEndpointsInEnvironment(endpoint => endpoint.Name == QdrantServerResource.HttpEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add("--data");
                context.Args.Add(dataDirectory);
                context.Args.Add("--grpc-url");
                context.Args.Add(ReferenceExpression.Create($"http://127.0.0.1:{qdrant.GrpcEndpoint.Property(EndpointProperty.TargetPort)}"));
            })
            .WithEnvironment(context => context.EnvironmentVariables[ApiKeyVariable] = qdrant.ApiKeyParameter)
            .WithHttpHealthCheck("/readyz", endpointName: QdrantServerResource.HttpEndpointName)
            .WithUrlForEndpoint(QdrantServerResource.GrpcEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly);
    }

    /// <summary>An existing Qdrant named by <c>ConnectionStrings:{name}</c>, its gRPC API (what Qdrant.Client reads).</summary>
    public static IResourceBuilder<ExistingQdrantResource> AddExistingQdrant(this IDistributedApplicationBuilder builder, string name)
    {
        var grpc = builder.AddParameterFromConfiguration($"{name}-connection", $"ConnectionStrings:{name}", secret: true);
        var qdrant = new ExistingQdrantResource(name, grpc.Resource);

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey,
            _ => new QdrantReadyHealthCheck(qdrant.GrpcConnectionString), failureStatus: null, tags: null));

        return builder.AddResource(qdrant)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Qdrant (existing)",
                State = KnownResourceStates.Running,
                Properties = [],
            })
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// As Aspire.Hosting.Qdrant references Qdrant: <c>ConnectionStrings__{name}</c>, the gRPC endpoint and key that
    /// Aspire.Qdrant.Client reads, and <c>ConnectionStrings__{name}_http</c>, the REST API's, where it is known.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IQdrantResource> qdrant)
        where T : IResourceWithEnvironment
    {
        ResourceBuilderExtensions.WithReference(builder, (IResourceBuilder<IResourceWithConnectionString>)qdrant);
        if (qdrant.Resource.HttpConnectionStringExpression is { } http)
        {
            builder.WithEnvironment($"ConnectionStrings__{qdrant.Resource.Name}_{QdrantServerResource.HttpEndpointName}", http);
        }

        return builder;
    }

    private static ParameterResource ApiKey(IDistributedApplicationBuilder builder, string name) =>
        ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-Key", special: false);
}
