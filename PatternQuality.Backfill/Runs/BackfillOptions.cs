using System.Text.Json;

namespace PatternQuality.Backfill.Runs;

public sealed record BackfillOptions
{
    public static readonly IReadOnlyList<string> DefaultCollections = ["code_patterns", "execution_patterns", "archon_vectors", "quality_vectors"];

    /// <summary>Null: every default collection that exists.</summary>
    public string? Collection { get; init; }
    public int BatchSize { get; init; } = 100;
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;
    public long? Limit { get; init; }
    public double? MinConfidence { get; init; }
    public bool DryRun { get; init; }

    /// <summary>Segments of each collection scrolled and written side by side (a new run's choice; a resumed run keeps its own).</summary>
    public int Parallel { get; init; } = 2;

    public IReadOnlyList<string> Collections => Collection is null or "all" ? DefaultCollections : [Collection];

    public string ToJson() => JsonSerializer.Serialize(new
    {
        batch_size = BatchSize,
        delay_seconds = Delay.TotalSeconds,
        limit = Limit,
        min_confidence = MinConfidence,
        parallel = Parallel,
    });
}
