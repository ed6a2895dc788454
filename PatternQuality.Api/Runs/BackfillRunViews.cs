using System.Text.Json;

namespace PatternQuality.Api.Runs;

/// <summary>One segment of a run: its counters and, once claimed, the lease of the worker that holds (or last held) it.</summary>
public sealed record SegmentView(
    string Collection, int Segment, string Status, long? SourceCount, int Batches, long Processed, long Stored, long Unchanged, long Rejected,
    JsonElement RejectedByReason, DateTimeOffset UpdatedAt, string? LeaseOwner, int? WorkerIndex, int LeaseEpoch, DateTimeOffset? LeaseExpiresAt,
    bool LeaseLive);

/// <summary>A worker of a run: what its batches wrote, and the segments it holds under a live lease now.</summary>
public sealed record RunWorkerView(
    string Worker, int? WorkerIndex, int Batches, long Processed, long Stored, DateTimeOffset? LastBatchAt, IReadOnlyList<HeldSegmentView> Holding);

public sealed record HeldSegmentView(string Collection, int Segment, int Epoch, DateTimeOffset LeaseExpiresAt);

public sealed record BackfillRunView(
    Guid Id, string? Name, string Status, IReadOnlyList<string> Collections, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt,
    DateTimeOffset? FinishedAt, long Processed, long Stored, long Unchanged, long Rejected, JsonElement RejectedByReason, long? SourceCount,
    double? Progress, int SegmentsDone, int SegmentsTotal, string? Error, IReadOnlyList<SegmentView>? Segments, IReadOnlyList<RunWorkerView>? Workers);
