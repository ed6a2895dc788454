namespace PatternQuality.AppHost.Qdrant;

/// <summary>
/// A Qdrant server in any of its forms (container, the local store, an existing server): its connection string is
/// the gRPC one, <c>Endpoint=http://host:port;Key=...</c>, what Qdrant.Client reads.
/// </summary>
public interface IQdrantResource : IResourceWithConnectionString
{
    /// <summary>The REST API's, in the same form (what users' REST clients read as <c>ConnectionStrings__{name}_http</c>), where it is known.</summary>
    ReferenceExpression? HttpConnectionStringExpression { get; }
}
