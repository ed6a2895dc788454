using System.Globalization;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.Backfill.Runs;

/// <summary>What a run did, printed at its end, or answered (<see cref="ToAnswer"/>).</summary>
public sealed record RunSummary(
    Guid? RunId, string Status, TimeSpan Elapsed, long ProcessedThisInvocation, RunTotals Totals,
    IReadOnlyList<string> MissingCollections, bool DryRun)
{
    public BackfillSummaryAnswer ToAnswer()
    {
        var scores = Totals.Scores;
        double Average(double sum) => sum / scores.Scored;
        return new BackfillSummaryAnswer(
            RunId, Status, DryRun, Elapsed.TotalSeconds, ProcessedThisInvocation,
            Totals.Processed, Totals.Stored, Totals.Unchanged, Totals.Rejected, Totals.RejectedByReason,
            new BandCounts(scores.Excellent, scores.Good, scores.Fair, scores.Poor),
            scores.Scored == 0 ? null : new ScoreAverages(
                Average(scores.QualitySum), Average(scores.CompletenessSum), Average(scores.DocumentationSum),
                Average(scores.OnexComplianceSum), Average(scores.MetadataRichnessSum), Average(scores.ComplexitySum)),
            MissingCollections);
    }

    public void WriteTo(TextWriter output)
    {
        var scores = Totals.Scores;
        string Percent(long count) => scores.Scored == 0 ? "0.0" : (100.0 * count / scores.Scored).ToString("0.0", CultureInfo.InvariantCulture);
        string Average(double sum) => scores.Scored == 0 ? "-" : (sum / scores.Scored).ToString("0.0000", CultureInfo.InvariantCulture);

        var answer = ToAnswer();
        output.WriteLine(answer.Title());
        if (MissingCollections.Count > 0)
        {
            output.WriteLine($"missing collections (skipped): {string.Join(", ", MissingCollections)}");
        }

        output.WriteLine($"processed  {Totals.Processed,10}   ({answer.PatternsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} patterns/s this invocation)");
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
