using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PatternQuality.AppHost.Postgres;

/// <summary>
/// Healthy once a login to the server succeeds. A refused connection is retried for a moment before the check
/// answers unhealthy: a server that DCP has just started accepts connections a few hundred milliseconds later (and
/// creates its database once ready), and Aspire would otherwise wait a whole second for its next check before
/// anything that waits for it may start.
/// </summary>
internal sealed class LoginHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } value)
        {
            return HealthCheckResult.Unhealthy("the connection string is not known yet");
        }

        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(value);
                await connection.OpenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                if (!IsMomentary(exception) || DateTime.UtcNow + Pause > until)
                {
                    return HealthCheckResult.Unhealthy(exception.Message, exception);
                }
            }

            await Task.Delay(Pause, cancellationToken);
        }
    }

    /// <summary>Refused (not listening yet), starting up (57P03), or the database not created yet (3D000; it is, once the server is ready).</summary>
    private static bool IsMomentary(Exception exception) =>
        exception.InnerException is System.Net.Sockets.SocketException
        || exception is PostgresException { SqlState: "57P03" or "3D000" };
}
