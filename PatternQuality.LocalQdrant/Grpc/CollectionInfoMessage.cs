using System.Text.Json;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// <c>CollectionInfo</c> as Qdrant returns it. The index settings are Qdrant's defaults, reported
/// for compatibility as the REST answer reports them: this store keeps no index.
/// </summary>
public static class CollectionInfoMessage
{
    public static CollectionInfo Of(Collection collection) => new()
    {
        Status = CollectionStatus.Green,
        OptimizerStatus = new OptimizerStatus { Ok = true },
        SegmentsCount = 1,
        PointsCount = (ulong)collection.Count,
        IndexedVectorsCount = 0,
        Config = new CollectionConfig
        {
            Params = new CollectionParams
            {
                ShardNumber = 1,
                ReplicationFactor = 1,
                WriteConsistencyFactor = 1,
                VectorsConfig = VectorsConfigOf(collection.Vectors),
            },
            HnswConfig = new HnswConfigDiff { M = 16, EfConstruct = 100, FullScanThreshold = 10_000, MaxIndexingThreads = 0 },
            OptimizerConfig = new OptimizersConfigDiff
            {
                DeletedThreshold = 0.2, VacuumMinVectorNumber = 1000, DefaultSegmentNumber = 0, IndexingThreshold = 10_000, FlushIntervalSec = 5,
            },
            WalConfig = new WalConfigDiff { WalCapacityMb = 32, WalSegmentsAhead = 0 },
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
