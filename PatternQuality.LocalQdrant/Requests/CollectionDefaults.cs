namespace PatternQuality.LocalQdrant.Requests;

/// <summary>
/// The index and storage settings a collection reports, Qdrant's defaults, on either transport: this store keeps no
/// index and does no vector search, and reports them for compatibility.
/// </summary>
public static class CollectionDefaults
{
    public const int ShardNumber = 1;
    public const int ReplicationFactor = 1;
    public const int WriteConsistencyFactor = 1;
    public const int SegmentsCount = 1;

    public const int HnswM = 16;
    public const int HnswEfConstruct = 100;
    public const int HnswFullScanThreshold = 10_000;
    public const int HnswMaxIndexingThreads = 0;

    public const double OptimizerDeletedThreshold = 0.2;
    public const int OptimizerVacuumMinVectorNumber = 1000;
    public const int OptimizerDefaultSegmentNumber = 0;
    public const int OptimizerIndexingThreshold = 10_000;
    public const int OptimizerFlushIntervalSec = 5;

    public const int WalCapacityMb = 32;
    public const int WalSegmentsAhead = 0;
}
