using Microsoft.Extensions.DependencyInjection;
using PatternQuality.Backfill.Runs.Modes;

namespace PatternQuality.Backfill.Runs;

public static class BackfillRunnerRegistration
{
    /// <summary>
    /// The runner and what it is built from: its options, where it reports, and its mode (a dry run needs no database; a
    /// storing run needs the <c>NpgsqlDataSource</c> registered beside it). Each pass of a run is a scope of its own.
    /// </summary>
    public static IServiceCollection AddBackfillRunner(this IServiceCollection services, BackfillOptions options, RunReports reports)
    {
        services.AddSingleton(options);
        services.AddSingleton(reports);
        services.AddScoped<Invocation>();
        services.AddScoped<BackfillRunner>();
        return options.DryRun ? services.AddScoped<IRunMode, DryRunMode>() : services.AddScoped<IRunMode, StoringRunMode>();
    }
}
