namespace PatternQuality.Backfill.Scoring;

/// <summary>A pattern as the scoring rules see it (SCORING.md, "Input"), reduced to what they read.</summary>
public sealed record MappedPattern
{
    public required Guid PatternId { get; init; }
    public string PatternName { get; init; } = "";
    public string Code { get; init; } = "";
    public string Text { get; init; } = "";
    public string? NodeType { get; init; }
    public int UseCaseCount { get; init; }
    public int ExampleCount { get; init; }
    public double Confidence { get; init; }

    /// <summary>How many keys <c>metadata</c> has.</summary>
    public int MetadataKeyCount { get; init; }

    /// <summary><c>metadata.complexity</c> when it is a string; anything else counts as not declared.</summary>
    public string? DeclaredComplexity { get; init; }
}
