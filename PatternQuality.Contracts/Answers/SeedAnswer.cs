namespace PatternQuality.Contracts.Answers;

/// <summary>What <c>backfill seed-demo</c> wrote, or, with <c>--if-empty</c>, that the collections already held points.</summary>
public sealed record SeedAnswer(long Patterns, long LineageNodes, long? AlreadyHeld) : ToolAnswer
{
    public override string Headline() => AlreadyHeld is { } held
        ? $"not seeding: the demo's collections already hold {held} points"
        : $"seeded {Patterns} patterns and {LineageNodes} lineage nodes";
}
