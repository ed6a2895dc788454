namespace PatternQuality.Backfill.Runs.Modes;

/// <summary>What a run came to: its journal id (none without the journal), its status and its counters.</summary>
public sealed record RunOutcome(Guid? RunId, string Status, RunTotals Totals);
