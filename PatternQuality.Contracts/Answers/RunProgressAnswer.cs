using System.Globalization;

namespace PatternQuality.Contracts.Answers;

/// <summary>
/// A backfill run's progress across all of its workers, read from the run journal every few seconds by each worker:
/// segments done of total, the run's counters, its rate over the last seconds and which worker holds which segment.
/// </summary>
public sealed record RunProgressAnswer(
    Guid RunId, string? Name, int SegmentsDone, int SegmentsTotal, long Processed, long? Total,
    long Stored, long Unchanged, long Rejected, double PatternsPerSecond, IReadOnlyList<WorkerSegment> Workers) : ToolAnswer
{
    public string TotalText() => Total?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>" (42%)", or nothing while the total is unknown.</summary>
    public string PercentText() => Total is > 0 ? $" ({(100.0 * Processed / Total.Value).ToString("0", CultureInfo.InvariantCulture)}%)" : "";

    public string RunText() => Name is null ? RunId.ToString() : $"{Name} ({RunId})";

    public override string Headline() =>
        $"run progress: {RunText()} segments {SegmentsDone}/{SegmentsTotal}, processed {Processed}/{TotalText()}, "
        + $"stored {Stored}, unchanged {Unchanged}, rejected {Rejected}, {ProgressAnswer.Rate(PatternsPerSecond)}, {Workers.Count} worker(s) at work";
}

/// <summary>A segment under a live lease: who holds it, with which epoch, until when.</summary>
public sealed record WorkerSegment(string Worker, int? WorkerIndex, string Collection, int Segment, int Epoch, DateTimeOffset LeaseExpiresAt);
