using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// The AppHost's console: one line per state change, each failure with its reason, and once
/// every resource has settled (ready, finished or failed) a table of states and URLs.
/// </summary>
internal sealed class ConsoleSummary(
    ResourceNotificationService notifications, ApplicationOrchestrator orchestrator, DistributedApplicationModel model,
    PatternQuality.AppHost.Dashboard.DashboardEndpoints dashboard, ILoggerFactory loggers) : BackgroundService
{
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;
    private readonly ILogger logger = loggers.CreateLogger("resources");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shown = new Dictionary<string, string>();
        var summarised = false;
        var expected = model.Resources.Count(r => r is not ParameterResource);
        try
        {
            await foreach (var snapshot in notifications.WatchAsync(stoppingToken))
            {
                var line = Describe(snapshot);
                if (shown.GetValueOrDefault(snapshot.Name) != line)
                {
                    shown[snapshot.Name] = line;
                    if (snapshot.State is KnownResourceStates.FailedToStart || snapshot is { State: KnownResourceStates.Finished or KnownResourceStates.Exited, ExitCode: not 0 })
                    {
                        logger.LogError("{Line}", line);
                    }
                    else if (snapshot.State != KnownResourceStates.NotStarted || snapshot.Message is not null)
                    {
                        logger.LogInformation("{Line}", line);
                    }
                }

                var all = notifications.Current;
                if (!summarised && logger.IsEnabled(LogLevel.Information) && all.Count == expected && all.All(s => Settled(s, model.Find(s.Name))))
                {
                    summarised = true;
                    await Console.Out.WriteLineAsync(Table(all));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Ready, ended, or deliberately not started; a project without endpoints is a job, settled once it ends.</summary>
    private static bool Settled(ResourceSnapshot snapshot, IResource resource) =>
        snapshot.IsTerminal
        || snapshot.IsReady && !(resource is ProjectResource && resource.Endpoints().Count == 0)
        || snapshot is { State: KnownResourceStates.NotStarted, Message: not null };

    private static string Describe(ResourceSnapshot snapshot)
    {
        var text = new StringBuilder($"{snapshot.Name}: {snapshot.State}");
        if (snapshot.State == KnownResourceStates.Running && snapshot.Health is { } health)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({health.ToString().ToLowerInvariant()})");
        }

        if (snapshot.ExitCode is { } code)
        {
            text.Append(CultureInfo.InvariantCulture, $", exit code {code}");
        }

        if (snapshot.Message is { } message && snapshot.State != KnownResourceStates.Running)
        {
            text.Append(CultureInfo.InvariantCulture, $": {message}");
        }

        return text.ToString();
    }

    private string Table(IReadOnlyList<ResourceSnapshot> all)
    {
        var failed = all.Count(s => s.State == KnownResourceStates.FailedToStart || s.IsTerminal && s.ExitCode is not (null or 0));
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{(failed == 0 ? "every resource is ready" : $"{failed} resource(s) failed")} after {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s\n");
        foreach (var snapshot in model.Resources.Select(r => all.FirstOrDefault(s => s.Name == r.Name)).OfType<ResourceSnapshot>())
        {
            var state = snapshot.ExitCode is { } code ? $"{snapshot.State} ({code})" : snapshot.IsReady && snapshot.Health is not null ? $"{snapshot.State} (healthy)" : snapshot.State;
            var detail = snapshot.Urls.Count > 0 ? string.Join(' ', snapshot.Urls) : "";
            if (snapshot.Properties.TryGetValue("runs as", out var runsAs) && snapshot.ResourceType != "Project")
            {
                detail = $"{detail} {runsAs}".Trim();
            }

            if (snapshot.Message is { } message && !snapshot.IsReady)
            {
                detail = $"{detail} {message}".Trim();
            }

            text.Append(CultureInfo.InvariantCulture, $"  {snapshot.Name,-16} {snapshot.ResourceType,-17} {state,-20} {detail}\n");
        }

        if (dashboard.Url is { } url)
        {
            text.Append(CultureInfo.InvariantCulture, $"  dashboard: {url} (the login link is printed above)\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  data and console logs: {orchestrator.DataDirectory} (logs/<resource>.log); Ctrl+C stops everything and keeps the data");
        return text.ToString();
    }
}
