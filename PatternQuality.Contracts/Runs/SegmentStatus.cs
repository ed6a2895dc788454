namespace PatternQuality.Contracts.Runs;

/// <summary>
/// A segment's status in the run journal (backfill_run_collections.status; migration 015's check lists the same). Which of
/// them count as done is the view backfill_run_progress's to say (migration 019), for every reader alike.
/// </summary>
public static class SegmentStatus
{
    public const string Pending = "pending";

    public const string Running = "running";

    public const string Completed = "completed";

    /// <summary>Its collection is not in Qdrant.</summary>
    public const string Missing = "missing";
}
