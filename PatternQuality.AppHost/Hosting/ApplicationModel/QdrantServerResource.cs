namespace PatternQuality.AppHost.Hosting;

public sealed class QdrantServerResource : Resource, IResourceWithConnectionString, IResourceWithEndpoints, IResourceWithEnvironment, IResourceWithWaitSupport
{
    public const string PrimaryEndpointName = "grpc";
    public const string HttpEndpointName = "http";

    public QdrantServerResource(string name, ParameterResource apiKey) : base(name)
    {
        ApiKeyParameter = apiKey;
        Annotations.Add(new EndpointAnnotation(PrimaryEndpointName, "http", "http2", targetPort: 6334));
        Annotations.Add(new EndpointAnnotation(HttpEndpointName, "http", "http", targetPort: 6333));
        Annotations.Add(new ContainerImageAnnotation("docker.io", "qdrant/qdrant", "v1.15.4"));
    }

    public ParameterResource ApiKeyParameter { get; }

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public EndpointReference HttpEndpoint => new(this, HttpEndpointName);

    /// <summary>The gRPC endpoint, as Aspire's Qdrant integration names it.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"Endpoint={PrimaryEndpoint.Url};Key={ApiKeyParameter}");

    /// <summary>The REST endpoint, injected as <c>ConnectionStrings__{name}_http</c>.</summary>
    public ReferenceExpression HttpConnectionStringExpression => ReferenceExpression.Create($"Endpoint={HttpEndpoint.Url};Key={ApiKeyParameter}");
}
