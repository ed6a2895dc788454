using System.Text.Json;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>
/// CollectionInfo in the shape Qdrant returns. The index settings are Qdrant's defaults,
/// reported for compatibility: this store keeps no index and does no vector search.
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
        writer.WriteNumber("segments_count", 1);

        writer.WriteStartObject("config");
        writer.WriteStartObject("params");
        writer.WritePropertyName("vectors");
        writer.WriteRawValue(collection.Vectors.Json, skipInputValidation: true);
        writer.WriteNumber("shard_number", 1);
        writer.WriteNumber("replication_factor", 1);
        writer.WriteNumber("write_consistency_factor", 1);
        writer.WriteBoolean("on_disk_payload", true);
        writer.WriteEndObject();

        writer.WriteStartObject("hnsw_config");
        writer.WriteNumber("m", 16);
        writer.WriteNumber("ef_construct", 100);
        writer.WriteNumber("full_scan_threshold", 10000);
        writer.WriteNumber("max_indexing_threads", 0);
        writer.WriteBoolean("on_disk", false);
        writer.WriteEndObject();

        writer.WriteStartObject("optimizer_config");
        writer.WriteNumber("deleted_threshold", 0.2);
        writer.WriteNumber("vacuum_min_vector_number", 1000);
        writer.WriteNumber("default_segment_number", 0);
        writer.WriteNull("max_segment_size");
        writer.WriteNull("memmap_threshold");
        writer.WriteNumber("indexing_threshold", 10000);
        writer.WriteNumber("flush_interval_sec", 5);
        writer.WriteNull("max_optimization_threads");
        writer.WriteEndObject();

        writer.WriteStartObject("wal_config");
        writer.WriteNumber("wal_capacity_mb", 32);
        writer.WriteNumber("wal_segments_ahead", 0);
        writer.WriteEndObject();

        writer.WriteNull("quantization_config");
        writer.WriteEndObject();

        writer.WriteStartObject("payload_schema");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
