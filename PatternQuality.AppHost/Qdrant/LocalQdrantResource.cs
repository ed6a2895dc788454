namespace PatternQuality.AppHost.Qdrant;

/// <summary>
/// PatternQuality.LocalQdrant as a project, where no Qdrant can run: a Qdrant-compatible store, not Qdrant,
/// with the same <c>http</c> and <c>grpc</c> endpoints and key as the container.
/// </summary>
public sealed class LocalQdrantResource(string name, ParameterResource apiKey) : ProjectResource(name), IQdrantResource
{
    private EndpointReference? grpcEndpoint;
    private EndpointReference? httpEndpoint;

    public ParameterResource ApiKeyParameter { get; } = apiKey;

    public EndpointReference GrpcEndpoint => grpcEndpoint ??= new(this, QdrantServerResource.GrpcEndpointName);

    public EndpointReference HttpEndpoint => httpEndpoint ??= new(this, QdrantServerResource.HttpEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={GrpcEndpoint.Property(EndpointProperty.Url)};Key={ApiKeyParameter}");

    public ReferenceExpression HttpConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={HttpEndpoint.Property(EndpointProperty.Url)};Key={ApiKeyParameter}");
}
