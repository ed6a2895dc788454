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

    /// <summary>Workers given the same name share one run; null: a run of one, resuming the last unnamed run, as before.</summary>
    public string? RunName { get; init; }

    /// <summary>Segments per collection of a new run (its creator's choice); null: <see cref="SegmentCount"/>'s default.</summary>
    public int? Segments { get; init; }

    /// <summary>This worker's index (JOB_COMPLETION_INDEX): which segment it tries first.</summary>
    public int? WorkerIndex { get; init; }

    /// <summary>How long a claimed segment stays this worker's without a committed batch.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A run of one cuts a collection into one segment per slot; a named run, shared, into more than workers will be.</summary>
    public int SegmentCount => Segments ?? (RunName is null ? Parallel : 16);

    public IReadOnlyList<string> Collections => Collection is null or "all" ? DefaultCollections : [Collection];

    public string ToJson() => JsonSerializer.Serialize(new
    {
        batch_size = BatchSize,
        delay_seconds = Delay.TotalSeconds,
        limit = Limit,
        min_confidence = MinConfidence,
        parallel = Parallel,
        segments = SegmentCount,
        lease_seconds = Lease.TotalSeconds,
    });
}
