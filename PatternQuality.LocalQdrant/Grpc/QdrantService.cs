using Grpc.Core;
using PatternQuality.LocalQdrant.Requests;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary><c>qdrant.Qdrant/HealthCheck</c>: the same title and version as REST's <c>/</c>; the commit names what answers.</summary>
public sealed class QdrantService : Qdrant.QdrantBase
{
    public override Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context) => Task.FromResult(new HealthCheckReply
    {
        Title = ServerIdentity.Title,
        Version = ServerIdentity.CompatibleVersion,
        Commit = ServerIdentity.Commit,
    });
}
