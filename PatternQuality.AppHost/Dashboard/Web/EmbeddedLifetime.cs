using Microsoft.Extensions.Hosting;

namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>
/// The dashboard's servers live inside the AppHost's host: they must not take Ctrl+C (SIGINT,
/// SIGTERM) for themselves as a console lifetime would, so the AppHost alone stops everything, in order.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
