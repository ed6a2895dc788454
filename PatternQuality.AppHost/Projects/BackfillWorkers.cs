using System.Globalization;
using PatternQuality.Contracts.Tools;

namespace PatternQuality.AppHost.Projects;

/// <summary>
/// The backfill as <c>Parameters:backfill-workers</c> workers of one run. Here they are replicas given one run name,
/// minted per launch, so what waits for the backfill waits for every worker; the publishers read the count from
/// <see cref="WorkersAnnotation"/>. One worker is a run of one, as the backfill runs alone.
/// </summary>
internal static class BackfillWorkers
{
    /// <summary>Read from configuration as the AppHost starts, not an Aspire parameter: the count shapes the model.</summary>
    public const string ConfigurationKey = "Parameters:backfill-workers";
    public const int Most = 64;
    public const int Default = 1;

    public static IResourceBuilder<ProjectResource> WithWorkers(this IResourceBuilder<ProjectResource> backfill)
    {
        var workers = Read(backfill.ApplicationBuilder.Configuration[ConfigurationKey]);
        backfill.WithAnnotation(new WorkersAnnotation(workers));
        if (workers > 1 && backfill.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            // Arguments, not the environment: the dashboard's commands run the backfill with their own arguments, each a run of one.
            backfill.WithReplicas(workers).WithArgs(BackfillArguments.RunName, $"apphost-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        }

        return backfill;
    }

    private static int Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var workers) && workers is >= 1 and <= Most
            ? workers
            : throw new DistributedApplicationException($"{ConfigurationKey} is '{text}': expected a whole number from 1 to {Most}");
    }
}
