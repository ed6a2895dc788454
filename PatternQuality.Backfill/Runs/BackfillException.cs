namespace PatternQuality.Backfill.Runs;

/// <summary>A run that must stop; the message is the one line the operator reads.</summary>
public sealed class BackfillException(string message, Exception? inner = null) : Exception(message, inner);
