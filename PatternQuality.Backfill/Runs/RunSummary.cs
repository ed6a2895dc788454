using System.Globalization;

namespace PatternQuality.Backfill.Runs;

/// <summary>What a run did, printed at its end.</summary>
public sealed record RunSummary(
    Guid? RunId, string Status, TimeSpan Elapsed, long ProcessedThisInvocation, RunTotals Totals,
    IReadOnlyList<string> MissingCollections, bool DryRun)
{
    public double PatternsPerSecond => Elapsed.TotalSeconds > 0 ? ProcessedThisInvocation / Elapsed.TotalSeconds : 0;

    public void WriteTo(TextWriter output)
    {
        var scores = Totals.Scores;
        string Percent(long count) => scores.Scored == 0 ? "0.0" : (100.0 * count / scores.Scored).ToString("0.0", CultureInfo.InvariantCulture);
        string Average(double sum) => scores.Scored == 0 ? "-" : (sum / scores.Scored).ToString("0.0000", CultureInfo.InvariantCulture);

        output.WriteLine($"backfill {(DryRun ? "dry run" : RunId is null ? "run (no journal)" : $"run {RunId}")} {Status} in {Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        if (MissingCollections.Count > 0)
        {
            output.WriteLine($"missing collections (skipped): {string.Join(", ", MissingCollections)}");
        }

        output.WriteLine($"processed  {Totals.Processed,10}   ({PatternsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} patterns/s this invocation)");
        output.WriteLine($"stored     {Totals.Stored,10}   {(DryRun ? "(dry run: nothing written)" : "new or changed rows")}");
        output.WriteLine($"unchanged  {Totals.Unchanged,10}");
        output.WriteLine($"rejected   {Totals.Rejected,10}");
        foreach (var (reason, count) in Totals.RejectedByReason.OrderByDescending(r => r.Value))
        {
            output.WriteLine($"  {reason,-28}{count,10}");
        }

        output.WriteLine($"bands      excellent {scores.Excellent} ({Percent(scores.Excellent)}%), good {scores.Good} ({Percent(scores.Good)}%), "
            + $"fair {scores.Fair} ({Percent(scores.Fair)}%), poor {scores.Poor} ({Percent(scores.Poor)}%)");
        output.WriteLine($"averages   quality {Average(scores.QualitySum)}, completeness {Average(scores.CompletenessSum)}, "
            + $"documentation {Average(scores.DocumentationSum)}, onex_compliance {Average(scores.OnexComplianceSum)}, "
            + $"metadata_richness {Average(scores.MetadataRichnessSum)}, complexity {Average(scores.ComplexitySum)}");
    }
}
