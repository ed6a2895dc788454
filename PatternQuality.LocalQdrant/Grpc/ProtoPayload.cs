using System.Buffers;
using System.Text.Json;
using Google.Protobuf.Collections;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// Payloads between the stored JSON and gRPC's <c>map&lt;string, Value&gt;</c>, as Qdrant converts them:
/// a JSON number that is an integer becomes <c>integer_value</c>, any other number <c>double_value</c>.
/// </summary>
public static class ProtoPayload
{
    public static void CopyTo(ReadOnlyMemory<byte> json, MapField<string, Value> target)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            target[property.Name] = ToValue(property.Value);
        }
    }

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

    private static Value ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new Value { StringValue = element.GetString() },
        JsonValueKind.Number when element.TryGetInt64(out var integer) => new Value { IntegerValue = integer },
        // A number beyond a double (REST stores what it was given) reaches gRPC as an infinity of its sign.
        JsonValueKind.Number => new Value { DoubleValue = element.TryGetDouble(out var number) ? number : element.GetRawText().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity },
        JsonValueKind.True => new Value { BoolValue = true },
        JsonValueKind.False => new Value { BoolValue = false },
        JsonValueKind.Object => new Value { StructValue = ToStruct(element) },
        JsonValueKind.Array => new Value { ListValue = ToList(element) },
        _ => new Value { NullValue = NullValue.NullValue },
    };

    private static Struct ToStruct(JsonElement element)
    {
        var result = new Struct();
        foreach (var property in element.EnumerateObject())
        {
            result.Fields[property.Name] = ToValue(property.Value);
        }

        return result;
    }

    private static ListValue ToList(JsonElement element)
    {
        var result = new ListValue();
        foreach (var item in element.EnumerateArray())
        {
            result.Values.Add(ToValue(item));
        }

        return result;
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
