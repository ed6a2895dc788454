namespace PatternQuality.AppHost.Qdrant;

/// <summary>
/// A Qdrant server in any of its forms (container, the local store, an existing server): its connection string is
/// the gRPC one, <c>Endpoint=http://host:port;Key=...</c>, what Qdrant.Client reads.
/// </summary>
public interface IQdrantResource : IResourceWithConnectionString;
