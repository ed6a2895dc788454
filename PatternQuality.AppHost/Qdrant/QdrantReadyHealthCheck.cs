using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PatternQuality.AppHost.Qdrant;

/// <summary>Healthy when <c>GET /readyz</c> of the Qdrant named by a REST connection string answers 2xx.</summary>
internal sealed class QdrantReadyHealthCheck(ParameterResource httpConnectionString, HttpClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await httpConnectionString.GetValueAsync(cancellationToken);
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return HealthCheckResult.Unhealthy($"{httpConnectionString.Name} is not a connection string of the form Endpoint=http://host:port;Key=...");
        }

        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint as string, UriKind.Absolute, out var uri))
        {
            return HealthCheckResult.Unhealthy($"{httpConnectionString.Name} names no Endpoint=http://host:port");
        }

        try
        {
            using var response = await client.GetAsync(new Uri(uri, "/readyz"), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{uri}readyz answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy($"{uri} is unreachable: {exception.Message}");
        }
    }
}
