using System.Text.Json;
using PatternQuality.LocalQdrant.Requests;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// <c>CollectionInfo</c> as Qdrant's gRPC API returns it, with the <see cref="CollectionDefaults"/>.
/// </summary>
public static class CollectionInfoMessage
{
    public static CollectionInfo Of(Collection collection) => new()
    {
        Status = CollectionStatus.Green,
        OptimizerStatus = new OptimizerStatus { Ok = true },
        SegmentsCount = CollectionDefaults.SegmentsCount,
        PointsCount = (ulong)collection.Count,
        IndexedVectorsCount = 0,
        Config = new CollectionConfig
        {
            Params = new CollectionParams
            {
                ShardNumber = CollectionDefaults.ShardNumber,
                ReplicationFactor = CollectionDefaults.ReplicationFactor,
                WriteConsistencyFactor = CollectionDefaults.WriteConsistencyFactor,
                VectorsConfig = VectorsConfigOf(collection.Vectors),
            },
            HnswConfig = new HnswConfigDiff
            {
                M = CollectionDefaults.HnswM, EfConstruct = CollectionDefaults.HnswEfConstruct,
                FullScanThreshold = CollectionDefaults.HnswFullScanThreshold, MaxIndexingThreads = CollectionDefaults.HnswMaxIndexingThreads,
            },
            OptimizerConfig = new OptimizersConfigDiff
            {
                DeletedThreshold = CollectionDefaults.OptimizerDeletedThreshold,
                VacuumMinVectorNumber = CollectionDefaults.OptimizerVacuumMinVectorNumber,
                DefaultSegmentNumber = CollectionDefaults.OptimizerDefaultSegmentNumber,
                IndexingThreshold = CollectionDefaults.OptimizerIndexingThreshold,
                FlushIntervalSec = CollectionDefaults.OptimizerFlushIntervalSec,
            },
            WalConfig = new WalConfigDiff { WalCapacityMb = CollectionDefaults.WalCapacityMb, WalSegmentsAhead = CollectionDefaults.WalSegmentsAhead },
        },
    };

    private static VectorsConfig? VectorsConfigOf(Storage.VectorParams vectors)
    {
        using var document = JsonDocument.Parse(vectors.Json);
        var root = document.RootElement;
        if (vectors.UnnamedSize is not null)
        {
            return new VectorsConfig { Params = Params(root) };
        }

        if (vectors.NamedSizes.Count == 0)
        {
            return null;
        }

        var map = new VectorParamsMap();
        foreach (var property in root.EnumerateObject())
        {
            map.Map[property.Name] = Params(property.Value);
        }

        return new VectorsConfig { ParamsMap = map };
    }

    private static VectorParams Params(JsonElement parameters) => new()
    {
        Size = parameters.GetProperty("size").GetUInt64(),
        Distance = Enum.Parse<Distance>(parameters.GetProperty("distance").GetString()!),
    };
}
