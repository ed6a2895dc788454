using System.Diagnostics;

namespace PatternQuality.Migrator;

internal static class MigratorTelemetry
{
    public static readonly ActivitySource Source = new("PatternQuality.Migrator");

    public static void RecordFailure(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.AddException(exception);
    }
}
