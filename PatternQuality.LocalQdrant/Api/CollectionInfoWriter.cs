using System.Text.Json;
using PatternQuality.LocalQdrant.Requests;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>
/// CollectionInfo in the shape Qdrant's REST API returns, with the <see cref="CollectionDefaults"/>.
/// </summary>
public static class CollectionInfoWriter
{
    public static void Write(Utf8JsonWriter writer, Collection collection)
    {
        var count = collection.Count;
        writer.WriteStartObject();
        writer.WriteString("status", "green");
        writer.WriteString("optimizer_status", "ok");
        writer.WriteNumber("indexed_vectors_count", 0);
        writer.WriteNumber("points_count", count);
        writer.WriteNumber("segments_count", CollectionDefaults.SegmentsCount);

        writer.WriteStartObject("config");
        writer.WriteStartObject("params");
        writer.WritePropertyName("vectors");
        writer.WriteRawValue(collection.Vectors.Json, skipInputValidation: true);
        writer.WriteNumber("shard_number", CollectionDefaults.ShardNumber);
        writer.WriteNumber("replication_factor", CollectionDefaults.ReplicationFactor);
        writer.WriteNumber("write_consistency_factor", CollectionDefaults.WriteConsistencyFactor);
        writer.WriteBoolean("on_disk_payload", true);
        writer.WriteEndObject();

        writer.WriteStartObject("hnsw_config");
        writer.WriteNumber("m", CollectionDefaults.HnswM);
        writer.WriteNumber("ef_construct", CollectionDefaults.HnswEfConstruct);
        writer.WriteNumber("full_scan_threshold", CollectionDefaults.HnswFullScanThreshold);
        writer.WriteNumber("max_indexing_threads", CollectionDefaults.HnswMaxIndexingThreads);
        writer.WriteBoolean("on_disk", false);
        writer.WriteEndObject();

        writer.WriteStartObject("optimizer_config");
        writer.WriteNumber("deleted_threshold", CollectionDefaults.OptimizerDeletedThreshold);
        writer.WriteNumber("vacuum_min_vector_number", CollectionDefaults.OptimizerVacuumMinVectorNumber);
        writer.WriteNumber("default_segment_number", CollectionDefaults.OptimizerDefaultSegmentNumber);
        writer.WriteNull("max_segment_size");
        writer.WriteNull("memmap_threshold");
        writer.WriteNumber("indexing_threshold", CollectionDefaults.OptimizerIndexingThreshold);
        writer.WriteNumber("flush_interval_sec", CollectionDefaults.OptimizerFlushIntervalSec);
        writer.WriteNull("max_optimization_threads");
        writer.WriteEndObject();

        writer.WriteStartObject("wal_config");
        writer.WriteNumber("wal_capacity_mb", CollectionDefaults.WalCapacityMb);
        writer.WriteNumber("wal_segments_ahead", CollectionDefaults.WalSegmentsAhead);
        writer.WriteEndObject();

        writer.WriteNull("quantization_config");
        writer.WriteEndObject();

        writer.WriteStartObject("payload_schema");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
