using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PatternQuality.Backfill.Runs;

namespace PatternQuality.AppHost.Operations;

/// <summary>
/// A backfill's progress on its resource, without opening a trace: the progress lines it writes to its console
/// (its own run's and the commands'), read back into the resource's properties as they come.
/// </summary>
internal static class BackfillProgress
{
    private static readonly string[] Names = ["backfill.progress", "backfill.stored", "backfill.unchanged", "backfill.rejected", "backfill.rate"];

    public static IResourceBuilder<ProjectResource> WithBackfillProgress(this IResourceBuilder<ProjectResource> backfill)
    {
        var resource = backfill.Resource;
        backfill.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var services = @event.Services;
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = FollowAsync(resource, services.GetRequiredService<ResourceLoggerService>(), services.GetRequiredService<ResourceNotificationService>(), stopping);
            return Task.CompletedTask;
        });
        return backfill;
    }

    private static async Task FollowAsync(
        IResource resource, ResourceLoggerService logs, ResourceNotificationService notifications, CancellationToken stopping)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stopping))
            {
                var latest = batch.Select(line => ProgressLine.TryParse(line.Content, out var progress) ? progress : null).LastOrDefault(p => p is not null);
                if (latest is not null)
                {
                    await notifications.PublishUpdateAsync(resource, snapshot => snapshot with { Properties = WithProgress(snapshot.Properties, latest) });
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private static ImmutableArray<ResourcePropertySnapshot> WithProgress(ImmutableArray<ResourcePropertySnapshot> properties, ProgressLine progress)
    {
        return properties.RemoveAll(p => Names.Contains(p.Name)).AddRange((ResourcePropertySnapshot[])
        [
            new(Names[0], $"{progress.Collection}: {progress.Done} of {progress.TotalText}{progress.PercentText}") { DisplayName = "Backfill progress", IsHighlighted = true },
            new(Names[1], progress.Stored) { DisplayName = "Stored", IsHighlighted = true },
            new(Names[2], progress.Unchanged) { DisplayName = "Unchanged", IsHighlighted = true },
            new(Names[3], progress.Rejected) { DisplayName = "Rejected", IsHighlighted = true },
            new(Names[4], progress.RateText) { DisplayName = "Rate", IsHighlighted = true },
        ]);
    }
}
