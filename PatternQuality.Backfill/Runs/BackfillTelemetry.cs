using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PatternQuality.Backfill.Runs;

internal static class BackfillTelemetry
{
    public static readonly ActivitySource Source = new("PatternQuality.Backfill");

    private static readonly Meter Meter = new("PatternQuality.Backfill");

    public static readonly Counter<long> Processed = Meter.CreateCounter<long>("patternquality.backfill.patterns.processed", "{pattern}");
    public static readonly Counter<long> Stored = Meter.CreateCounter<long>("patternquality.backfill.patterns.stored", "{pattern}");
    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("patternquality.backfill.patterns.rejected", "{pattern}");
    public static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("patternquality.backfill.batch.duration", "s");
}
