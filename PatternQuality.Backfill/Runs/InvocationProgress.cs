namespace PatternQuality.Backfill.Runs;

/// <summary>Shared state of one invocation: the limit and what every segment has read so far.</summary>
public sealed class InvocationProgress(long? limit)
{
    private long processed;

    public long Processed => Interlocked.Read(ref processed);

    public bool LimitReached => limit is { } max && Processed >= max;

    /// <summary>How many points the next page may hold under the limit.</summary>
    public int Take(int batchSize) => limit is { } max ? (int)Math.Clamp(max - Processed, 0, batchSize) : batchSize;

    public void Add(int count) => Interlocked.Add(ref processed, count);
}
