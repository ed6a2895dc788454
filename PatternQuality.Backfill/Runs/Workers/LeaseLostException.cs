namespace PatternQuality.Backfill.Runs.Workers;

/// <summary>A batch was refused because another worker's claim raised the segment's epoch (this worker's lease had expired).</summary>
public sealed class LeaseLostException(string collection, int segment, int epoch)
    : Exception($"the lease of {collection} segment {segment} (epoch {epoch}) was taken over by another worker; its batch was not written")
{
    public string Collection { get; } = collection;

    public int Segment { get; } = segment;
}
