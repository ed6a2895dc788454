namespace PatternQuality.AppHost.Qdrant;

/// <summary>
/// A Qdrant server the user runs, named by <c>ConnectionStrings:qdrant</c> (<c>Endpoint=http://host:6334;Key=...</c>, its gRPC
/// API): nothing is started for it and nothing is seeded into it; it is ready once its gRPC health service says it serves.
/// </summary>
public sealed class ExistingQdrantResource(string name, ParameterResource grpc)
    : Resource(name), IQdrantResource, IResourceWithWaitSupport
{
    public ParameterResource GrpcConnectionString { get; } = grpc;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{GrpcConnectionString}");

    /// <summary>Unknown: the user names the gRPC API only.</summary>
    public ReferenceExpression? HttpConnectionStringExpression => null;
}
