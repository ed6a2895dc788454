using System.Globalization;

namespace PatternQuality.Contracts.Answers;

/// <summary>What a backfill run or dry run did, across every resumption of the run.</summary>
public sealed record BackfillSummaryAnswer(
    Guid? RunId, string Status, bool DryRun, double ElapsedSeconds, long ProcessedThisInvocation,
    long Processed, long Stored, long Unchanged, long Rejected, IReadOnlyDictionary<string, long> RejectedByReason,
    BandCounts Bands, ScoreAverages? Averages, IReadOnlyList<string> MissingCollections) : ToolAnswer
{
    public double PatternsPerSecond => ElapsedSeconds > 0 ? ProcessedThisInvocation / ElapsedSeconds : 0;

    /// <summary>"backfill run 5f0c... completed in 1.23 s", the summary's first line.</summary>
    public string Title() =>
        $"backfill {(DryRun ? "dry run" : RunId is null ? "run (no journal)" : $"run {RunId}")} {Status} in {ElapsedSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";

    public override string Headline() => $"{Title()}: processed {Processed}, stored {Stored}, unchanged {Unchanged}, rejected {Rejected}";
}

/// <summary>The scores' averages over the run's scored patterns.</summary>
public sealed record ScoreAverages(
    double Quality, double Completeness, double Documentation, double OnexCompliance, double MetadataRichness, double Complexity);
