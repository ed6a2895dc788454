using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.AppHost.Dashboard;

/// <summary>
/// A backfill's progress on its resource, without opening a trace: its run answers in JSON (<see cref="WithJsonAnswers"/>;
/// the commands' runs do too), and its progress and summary answers are read back from its console into the resource's properties.
/// </summary>
internal static class BackfillProgress
{
    /// <summary>The resource's own run answers in JSON (<c>--output json</c>) when the AppHost runs it.</summary>
    public static IResourceBuilder<ProjectResource> WithJsonAnswers(this IResourceBuilder<ProjectResource> tool) =>
        tool.WithArgs(context =>
        {
            if (context.ExecutionContext.IsRunMode)
            {
                context.Args.Add(ToolAnswers.OutputOption);
                context.Args.Add(ToolAnswers.JsonOutput);
            }
        });

    /// <summary>Reads the answers of the resource's own run back into its properties; its run answers in JSON for it.</summary>
    public static IResourceBuilder<ProjectResource> WithBackfillProgress(this IResourceBuilder<ProjectResource> backfill)
    {
        var resource = backfill.Resource;
        backfill.WithJsonAnswers();
        backfill.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var services = @event.Services;
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BackfillProgress).FullName!);
            _ = FollowAsync(resource, services.GetRequiredService<ResourceLoggerService>(), services.GetRequiredService<ResourceNotificationService>(), log, stopping);
            return Task.CompletedTask;
        });
        return backfill;
    }

    private static async Task FollowAsync(
        IResource resource, ResourceLoggerService logs, ResourceNotificationService notifications, ILogger log, CancellationToken stopping)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stopping))
            {
                var latest = batch.Select(line => Read(line.Content)).LastOrDefault(properties => properties is not null);
                if (latest is not null)
                {
                    await notifications.PublishUpdateAsync(resource, snapshot => snapshot with
                    {
                        Properties = snapshot.Properties.RemoveAll(p => latest.Any(update => update.Name == p.Name)).AddRange(latest),
                    });
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        ResourcePropertySnapshot[]? Read(string line)
        {
            try
            {
                return ToolAnswers.TryFind(line, resource.Name, out var answer) ? Properties(answer!) : null;
            }
            catch (ContractException unreadable)
            {
                log.LogWarning("{Resource}: {Reason}", resource.Name, unreadable.Message);
                return null;
            }
        }
    }

    /// <summary>Progress shows where the run is (across its workers, from the journal); the summary, what the run did. Each sets the counts.</summary>
    private static ResourcePropertySnapshot[]? Properties(ToolAnswer answer) => answer switch
    {
        ProgressAnswer progress =>
        [
            Property("backfill.progress", "Backfill progress", $"{progress.Collection}: {progress.Done} of {progress.TotalText()}{progress.PercentText()}"),
            .. Counts(progress.Stored, progress.Unchanged, progress.Rejected, progress.RateText()),
        ],
        RunProgressAnswer run =>
        [
            Property("backfill.progress", "Backfill progress", $"segments {run.SegmentsDone} of {run.SegmentsTotal}: {run.Processed} of {run.TotalText()}{run.PercentText()}"),
            Property("backfill.workers", "Workers", run.Workers.Count == 0
                ? "none at work"
                : string.Join("; ", run.Workers.Select(w => $"{w.Worker}: {w.Collection} segment {w.Segment} (epoch {w.Epoch})"))),
            .. Counts(run.Stored, run.Unchanged, run.Rejected, ProgressAnswer.Rate(run.PatternsPerSecond)),
        ],
        CoverageAnswer coverage => [Property("backfill.coverage", "Coverage", coverage.Summary())],
        BackfillSummaryAnswer summary =>
        [
            Property("backfill.run", "Last run", summary.Title()),
            .. Counts(summary.Stored, summary.Unchanged, summary.Rejected, ProgressAnswer.Rate(summary.PatternsPerSecond)),
        ],
        _ => null,
    };

    private static ResourcePropertySnapshot[] Counts(long stored, long unchanged, long rejected, string rate) =>
    [
        Property("backfill.stored", "Stored", stored),
        Property("backfill.unchanged", "Unchanged", unchanged),
        Property("backfill.rejected", "Rejected", rejected),
        Property("backfill.rate", "Rate", rate),
    ];

    private static ResourcePropertySnapshot Property(string name, string displayName, object value) =>
        new(name, value) { DisplayName = displayName, IsHighlighted = true };
}
