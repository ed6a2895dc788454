namespace PatternQuality.Contracts.Answers;

/// <summary>What <c>backfill prune</c> did: prune <paramref name="PruneId"/> deleted orphan scores into its archive, or was undone.</summary>
public sealed record PruneAnswer(long PruneId, PruneAction Action, long Scores) : ToolAnswer
{
    public override string Headline() => Action == PruneAction.Deleted
        ? $"prune {PruneId} deleted {Scores} orphan score(s) into the archive; `backfill prune --undo {PruneId}` puts them back"
        : $"prune {PruneId} undone: {Scores} score(s) put back";
}

public enum PruneAction
{
    Deleted,
    Undone,
}
