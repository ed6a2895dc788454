namespace PatternQuality.AppHost.Qdrant;

/// <summary>
/// A Qdrant server in any of its forms (container, the local store, an existing server): its connection
/// string is the gRPC one (what Qdrant.Client reads), with the REST one beside it.
/// </summary>
public interface IQdrantResource : IResourceWithConnectionString
{
    /// <summary><c>Endpoint=http://host:port;Key=...</c> of the REST API.</summary>
    ReferenceExpression HttpConnectionStringExpression { get; }
}
