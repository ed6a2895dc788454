namespace PatternQuality.AppHost.Qdrant;

/// <summary>
/// A Qdrant server the user runs, named by <c>ConnectionStrings:qdrant</c> (gRPC) and <c>ConnectionStrings:qdrant_http</c>
/// (REST): nothing is started for it and nothing is seeded into it; it is ready once its <c>/readyz</c> answers.
/// </summary>
public sealed class ExistingQdrantResource(string name, ParameterResource grpc, ParameterResource http)
    : Resource(name), IQdrantResource, IResourceWithWaitSupport
{
    public ParameterResource GrpcConnectionString { get; } = grpc;

    public ParameterResource HttpConnectionString { get; } = http;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{GrpcConnectionString}");

    public ReferenceExpression HttpConnectionStringExpression => ReferenceExpression.Create($"{HttpConnectionString}");
}
