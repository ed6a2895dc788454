using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace PatternQuality.LocalQdrant.Tests.Grpc;

/// <summary>Qdrant's own .NET client against a store's gRPC port.</summary>
public static class GrpcClients
{
    public static QdrantClient Qdrant(this LocalQdrantProcess store, string? apiKey = null) =>
        new(store.GrpcUrl, apiKey: apiKey ?? store.ApiKey);

    /// <summary>The generated client underneath, for calls with metadata of the test's choosing.</summary>
    public static QdrantGrpcClient Raw(this LocalQdrantProcess store) => new(QdrantChannel.ForAddress(store.GrpcUrl));
}
