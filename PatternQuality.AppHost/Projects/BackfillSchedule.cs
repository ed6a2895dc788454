using PatternQuality.AppHost.Publishing;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Tools;

namespace PatternQuality.AppHost.Projects;

/// <summary>
/// <c>Parameters:backfill-every</c>: unset, the backfill is the one-shot run it always was; set, it runs a pass every interval
/// until stopped (here <c>run --every</c>; published, a CronJob beside the first Job and a compose service kept running),
/// with coverage recorded after each pass. Read as the AppHost starts, like the workers: it shapes the model.
/// </summary>
internal static class BackfillSchedule
{
    public const string ConfigurationKey = "Parameters:backfill-every";

    public static IResourceBuilder<ProjectResource> WithPassSchedule(this IResourceBuilder<ProjectResource> backfill)
    {
        if (backfill.ApplicationBuilder.Configuration[ConfigurationKey] is not { Length: > 0 } text)
        {
            return backfill;
        }

        var interval = PassInterval.Parse(text, out var error)
            ?? throw new DistributedApplicationException($"{ConfigurationKey}: {error}");
        if (backfill.Resource.Annotations.OfType<WorkersAnnotation>().SingleOrDefault() is { Workers: > 1 })
        {
            throw new DistributedApplicationException(
                $"{ConfigurationKey} keeps one backfill running passes; {BackfillWorkers.ConfigurationKey} above 1 shares one run: set one of them");
        }

        if (backfill.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            _ = CronSchedule.From(interval, text.Trim()); // refused here, in one line, rather than halfway through publishing
        }

        backfill.WithAnnotation(new PassScheduleAnnotation(interval, text.Trim()));
        return backfill.WithArgs(context =>
        {
            if (context.ExecutionContext.IsRunMode)
            {
                context.Args.Add(BackfillArguments.Every);
                context.Args.Add(text.Trim());
            }
        });
    }
}
