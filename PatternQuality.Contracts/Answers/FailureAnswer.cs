namespace PatternQuality.Contracts.Answers;

/// <summary>A command that failed or was refused: its exit code, its one-line reason, and what a program can act on.</summary>
public sealed record FailureAnswer(int ExitCode, FailureKind Kind, string Reason) : ToolAnswer
{
    /// <summary>
    /// With <see cref="FailureKind.OrphansExist"/> and <see cref="FailureKind.OrphanCountChanged"/>: the orphan scores found (without a
    /// lineage node for 013's rollback, without a pattern in Qdrant for a prune).
    /// </summary>
    public long? Orphans { get; init; }

    /// <summary>With <see cref="FailureKind.OrphanCountChanged"/>: the count the operator confirmed.</summary>
    public long? ConfirmedOrphans { get; init; }

    public override string Headline() => Reason;
}

public enum FailureKind
{
    /// <summary>The command line or a setting is wrong; nothing was attempted.</summary>
    Usage,

    Failed,

    Interrupted,

    /// <summary>Rolling 013 back was refused: scores without a lineage node exist (<see cref="FailureAnswer.Orphans"/>).</summary>
    OrphansExist,

    /// <summary>Deleting orphans was refused: a different count than the confirmed one was found.</summary>
    OrphanCountChanged,

    /// <summary>Undoing a prune was refused: it was undone already, or some of its patterns have been scored again since.</summary>
    UndoRefused,
}
