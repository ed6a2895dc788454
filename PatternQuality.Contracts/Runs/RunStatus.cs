namespace PatternQuality.Contracts.Runs;

/// <summary>A backfill run's status in the journal (backfill_runs.status; migration 015's check lists the same).</summary>
public static class RunStatus
{
    public const string Running = "running";

    public const string Completed = "completed";

    /// <summary>Stopped at its limit; the next start resumes it.</summary>
    public const string Partial = "partial";

    public const string Failed = "failed";
}
