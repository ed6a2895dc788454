namespace PatternQuality.AppHost.Qdrant;

/// <summary>Qdrant from its official image, where a container engine answers (Aspire.Hosting.Qdrant is not served here).</summary>
public sealed class QdrantServerResource(string name, ParameterResource apiKey) : ContainerResource(name), IQdrantResource
{
    internal const string GrpcEndpointName = "grpc";
    internal const string HttpEndpointName = "http";

    private EndpointReference? grpcEndpoint;
    private EndpointReference? httpEndpoint;

    public ParameterResource ApiKeyParameter { get; } = apiKey;

    public EndpointReference GrpcEndpoint => grpcEndpoint ??= new(this, GrpcEndpointName);

    public EndpointReference HttpEndpoint => httpEndpoint ??= new(this, HttpEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={GrpcEndpoint.Property(EndpointProperty.Url)};Key={ApiKeyParameter}");

    public ReferenceExpression HttpConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={HttpEndpoint.Property(EndpointProperty.Url)};Key={ApiKeyParameter}");
}
