using System.Diagnostics;

namespace PatternQuality.Migrator;

internal static class MigratorTelemetry
{
    public static readonly ActivitySource Source = new("PatternQuality.Migrator");
}
