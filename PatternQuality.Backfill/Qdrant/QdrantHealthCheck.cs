using Microsoft.Extensions.Diagnostics.HealthChecks;
using Qdrant.Client;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>Healthy when Qdrant answers its health call with a title.</summary>
public sealed class QdrantHealthCheck(QdrantClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var reply = await client.HealthAsync(cancellationToken);
            return reply.Title is { Length: > 0 } ? HealthCheckResult.Healthy(reply.Title) : new HealthCheckResult(context.Registration.FailureStatus);
        }
        catch (Exception ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, exception: ex);
        }
    }
}
