using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using PatternQuality.AppHost.Projects;

namespace PatternQuality.AppHost.OperatorConsole;

/// <summary>
/// Once every resource has settled, one summary on the AppHost's console: "every resource is ready" with each
/// resource's state and URLs, or which resources are not and why. Settled: Running and healthy, Finished with
/// exit code 0, or failed. A resource that fails says so at once, with the last line of its console.
/// </summary>
internal sealed class ReadinessSummary(
    DistributedApplicationModel model, ResourceNotificationService notifications, ResourceLoggerService resourceLogs, ILogger<ReadinessSummary> logger)
{
    /// <summary>Watches from before the first resource starts (a hosted service would begin only once every resource has started).</summary>
    public async Task WatchAsync(CancellationToken stoppingToken)
    {
        var latest = new SortedDictionary<string, (IResource Resource, CustomResourceSnapshot Snapshot)>(StringComparer.Ordinal);
        var expected = model.Resources.Where(r => r is not ParameterResource).Select(r => r.Name).ToHashSet();
        var reportedFailures = new HashSet<string>();
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (change.Snapshot.IsHidden)
                {
                    expected.Remove(change.Resource.Name);
                    continue;
                }

                if (!expected.Contains(change.Resource.Name))
                {
                    continue;
                }

                latest[change.Resource.Name] = (change.Resource, change.Snapshot);
                // A child (the database) fails with its server; the server's line says why.
                if (Outcome(change.Resource, change.Snapshot) == false && reportedFailures.Add(change.Resource.Name)
                    && !(change.Resource is IResourceWithParent child && reportedFailures.Contains(child.Parent.Name)))
                {
                    await ReportFailureAsync(change.Resource, change.Snapshot);
                }

                if (latest.Count == expected.Count && latest.Values.All(r => Outcome(r.Resource, r.Snapshot) is not null))
                {
                    Report(latest, DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// null while the resource is still on its way; true when ready; false when it failed. A process without
    /// endpoints (the migrator, the backfill) is a task: ready once it has finished with exit code 0; a backfill kept
    /// running passes (<see cref="PassScheduleAnnotation"/>) is ready once running.
    /// </summary>
    private static bool? Outcome(IResource resource, CustomResourceSnapshot snapshot) => snapshot.State?.Text switch
    {
        "Running" when resource is IResourceWithArgs && !resource.Annotations.OfType<EndpointAnnotation>().Any()
            && !resource.Annotations.OfType<PassScheduleAnnotation>().Any() => null,
        "Running" or "Active" => snapshot.HealthReports.All(r => r.Status == HealthStatus.Healthy) ? true : null,
        "Finished" or "Exited" => snapshot.ExitCode == 0,
        "FailedToStart" or "RuntimeUnhealthy" or "ValueMissing" => false,
        _ => null,
    };

    private async Task ReportFailureAsync(IResource resource, CustomResourceSnapshot snapshot)
    {
        // The reason: the message of the last exception on its console (a start that failed), else its last line.
        string? reason = null, last = null;
        await foreach (var batch in resourceLogs.GetAllAsync(resource))
        {
            foreach (var line in batch.Select(line => line.Content.Trim()).Where(line => line.Length > 0))
            {
                last = line;
                if (line.IndexOf("Exception: ", StringComparison.Ordinal) is var at and >= 0)
                {
                    reason = line[(at + "Exception: ".Length)..];
                }
            }
        }

        var exit = snapshot.ExitCode is { } code ? $" (exit {code})" : "";
        logger.LogError("{Resource} {State}{Exit}: {Reason}", resource.Name, snapshot.State?.Text, exit, reason ?? last ?? "see its console");
    }

    private void Report(SortedDictionary<string, (IResource Resource, CustomResourceSnapshot Snapshot)> resources, TimeSpan elapsed)
    {
        var appHostStart = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var failed = resources.Where(r => Outcome(r.Value.Resource, r.Value.Snapshot) == false).Select(r => r.Key).ToList();
        var table = new StringBuilder();
        foreach (var (name, (_, snapshot)) in resources)
        {
            var exit = snapshot.ExitCode is { } code ? $" (exit {code})" : "";
            var urls = string.Join(" ", snapshot.Urls.Where(u => !u.IsInternal).Select(u => u.Url));
            var timing = snapshot.StartTimeStamp is { } start
                ? $"started +{(start.ToUniversalTime() - appHostStart).TotalSeconds:0.0} s" + (snapshot.StopTimeStamp is { } stop ? $", ran {(stop - start).TotalSeconds:0.0} s" : "")
                : "";
            table.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n  {name,-16} {snapshot.State?.Text + exit,-20} {timing,-26} {urls}");
        }

        if (failed.Count == 0)
        {
            logger.LogInformation("every resource is ready, {Seconds:0.0} s after the AppHost started:{Table}", elapsed.TotalSeconds, table);
        }
        else
        {
            logger.LogError("not every resource is ready: {Failed} failed (its console on the dashboard says why):{Table}",
                string.Join(", ", failed), table);
        }
    }
}
