using System.Data.Common;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PatternQuality.AppHost.Qdrant;

/// <summary>
/// Healthy when the Qdrant named by a gRPC connection string says SERVING on <c>grpc.health.v1.Health/Check</c>,
/// which Qdrant answers without a key.
/// </summary>
internal sealed class QdrantReadyHealthCheck(ParameterResource grpcConnectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = await grpcConnectionString.GetValueAsync(cancellationToken);
        }
        catch (ArgumentException)
        {
            return HealthCheckResult.Unhealthy($"{grpcConnectionString.Name} is not a connection string of the form Endpoint=http://host:6334;Key=...");
        }

        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint as string, UriKind.Absolute, out var uri))
        {
            return HealthCheckResult.Unhealthy($"{grpcConnectionString.Name} names no Endpoint=http://host:port");
        }

        try
        {
            using var channel = GrpcChannel.ForAddress(uri);
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: cancellationToken);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{uri} answers {reply.Status}");
        }
        catch (RpcException exception)
        {
            return HealthCheckResult.Unhealthy($"{uri} is unreachable: {exception.Status.StatusCode}: {exception.Status.Detail}");
        }
    }
}
