using Microsoft.Extensions.DependencyInjection;
using PatternQuality.Backfill.Runs.Modes;

namespace PatternQuality.Backfill.Runs;

public static class BackfillRunnerRegistration
{
    /// <summary>
    /// The runner of one invocation and what it is built from: its options, where it reports, and its mode (a dry run
    /// needs no database; a storing run needs the <c>NpgsqlDataSource</c> registered beside it).
    /// </summary>
    public static IServiceCollection AddBackfillRunner(this IServiceCollection services, BackfillOptions options, RunReports reports)
    {
        services.AddSingleton(options);
        services.AddSingleton(reports);
        services.AddSingleton<Invocation>();
        services.AddSingleton<BackfillRunner>();
        return options.DryRun ? services.AddSingleton<IRunMode, DryRunMode>() : services.AddSingleton<IRunMode, StoringRunMode>();
    }
}
