using PatternQuality.AppHost.Projects;
using PatternQuality.Contracts.Runs;

namespace PatternQuality.AppHost.OperatorConsole;

/// <summary>
/// <c>--help</c> for the AppHost. Other options are Aspire's own (the Aspire CLI and the testing builder pass theirs),
/// so the AppHost does not refuse what it does not know.
/// </summary>
internal static class AppHostUsage
{
    public static bool Requested(string[] args) => args.Any(arg => arg is "--help" or "-h" or "-?");

    public static void Print(TextWriter output) => output.WriteLine($"""
        Usage: PatternQuality.AppHost [--Section:Key=value ...]
          Runs PostgreSQL, Qdrant (containers where Docker or Podman answers, local processes where none does, or the
          servers named by ConnectionStrings:omninode-bridge and ConnectionStrings:qdrant), the migrator, the demo
          seeding, the backfill and the API, with the Aspire dashboard on http://localhost:18888.
        PatternQuality.AppHost --publisher manifest --output-path ../deploy/aspire-manifest.json
        PatternQuality.AppHost --operation publish --step publish-compose|publish-kubernetes --output-path ../deploy
          Publishes the model for staging (output paths are resolved from the AppHost's folder).
        Settings: AppHost:DataDirectory (local data), Parameters:postgres-password, Parameters:qdrant-Key,
          {BackfillWorkers.ConfigurationKey} (workers sharing one backfill run, here and in what is published: 1 to {BackfillWorkers.Most}, default {BackfillWorkers.Default}),
          {BackfillSchedule.ConfigurationKey} (a backfill pass every interval, {PassInterval.Format}; published: a CronJob, a compose service kept running; default: one run).
        """);
}
