using PatternQuality.Contracts.Answers;

namespace PatternQuality.Migrator;

/// <summary>A run that must stop; the message is the one line the operator reads, the kind and counts what a program reads.</summary>
public sealed class MigratorException(string message, Exception? inner = null) : Exception(message, inner)
{
    public FailureKind Kind { get; init; } = FailureKind.Failed;

    public long? Orphans { get; init; }

    public long? ConfirmedOrphans { get; init; }
}
