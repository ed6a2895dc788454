using System.Text.Json;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Demo;

/// <summary>The demo's points as Qdrant.Client's messages: JSON payloads become gRPC values, integers as integers.</summary>
public static class DemoPoints
{
    public static List<PointStruct> ToPointStructs(IEnumerable<DemoPoint> points) => points.Select(point =>
    {
        var id = point.Id.GetValueKind() == JsonValueKind.Number ? new PointId { Num = point.Id.GetValue<ulong>() } : new PointId { Uuid = point.Id.GetValue<string>() };
        var message = new PointStruct { Id = id, Vectors = point.Vector };
        foreach (var property in JsonSerializer.SerializeToElement(point.Payload).EnumerateObject())
        {
            message.Payload[property.Name] = ToValue(property.Value);
        }

        return message;
    }).ToList();

    private static Value ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new Value { StringValue = element.GetString() },
        JsonValueKind.Number when element.TryGetInt64(out var integer) => new Value { IntegerValue = integer },
        JsonValueKind.Number => new Value { DoubleValue = element.GetDouble() },
        JsonValueKind.True => new Value { BoolValue = true },
        JsonValueKind.False => new Value { BoolValue = false },
        JsonValueKind.Object => new Value { StructValue = new Struct { Fields = { element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value)) } } },
        JsonValueKind.Array => new Value { ListValue = new ListValue { Values = { element.EnumerateArray().Select(ToValue) } } },
        _ => new Value { NullValue = NullValue.NullValue },
    };
}
