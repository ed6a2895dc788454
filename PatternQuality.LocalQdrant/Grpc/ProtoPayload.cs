using System.Buffers;
using System.Text.Json;
using Google.Protobuf.Collections;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>A gRPC payload (<c>map&lt;string, Value&gt;</c>) as the JSON the store keeps; <see cref="ProtoPoints"/> writes it back.</summary>
public static class ProtoPayload
{
    /// <summary>The payload as JSON to store; null for an empty one, as REST stores a point without a payload.</summary>
    public static byte[]? ToJson(MapField<string, Value> payload)
    {
        if (payload.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, payload);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, MapField<string, Value> fields)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in fields)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value, name);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, Value value, string path)
    {
        switch (value.KindCase)
        {
            case Value.KindOneofCase.StringValue: writer.WriteStringValue(value.StringValue); break;
            case Value.KindOneofCase.IntegerValue: writer.WriteNumberValue(value.IntegerValue); break;
            case Value.KindOneofCase.DoubleValue when double.IsFinite(value.DoubleValue): writer.WriteNumberValue(value.DoubleValue); break;
            case Value.KindOneofCase.DoubleValue: throw QdrantError.Format($"payload.{path}: {value.DoubleValue} is not a number JSON can hold");
            case Value.KindOneofCase.BoolValue: writer.WriteBooleanValue(value.BoolValue); break;
            case Value.KindOneofCase.StructValue: WriteObject(writer, value.StructValue.Fields); break;
            case Value.KindOneofCase.ListValue:
                writer.WriteStartArray();
                foreach (var item in value.ListValue.Values)
                {
                    WriteValue(writer, item, path);
                }

                writer.WriteEndArray();
                break;
            default: writer.WriteNullValue(); break;
        }
    }
}
