namespace PatternQuality.Backfill.Coverage;

/// <summary>A prune or its undo refused, nothing changed; with the orphans found and the count confirmed when they differed.</summary>
public sealed class PruneRefusedException(string message, long? found, long? confirmed) : Exception(message)
{
    public long? Found { get; } = found;

    public long? Confirmed { get; } = confirmed;
}
