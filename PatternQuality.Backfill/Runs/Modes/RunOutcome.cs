namespace PatternQuality.Backfill.Runs.Modes;

/// <summary>What a run came to: its journal id (none without the journal), its status and its counters.</summary>
public sealed record RunOutcome(Guid? RunId, string Status, RunTotals Totals)
{
    /// <summary>Whether this process ended the run (a run shared by workers is ended by one of them).</summary>
    public bool EndedHere { get; init; }
}
