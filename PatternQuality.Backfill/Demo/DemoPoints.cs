using System.Text.Json;
using System.Text.Json.Nodes;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Demo;

/// <summary>The demo's points as Qdrant.Client's messages: JSON payloads become gRPC values, integers as integers.</summary>
public static class DemoPoints
{
    public static List<PointStruct> ToPointStructs(IEnumerable<DemoPoint> points) => points.Select(point =>
    {
        var id = point.Id.GetValueKind() == JsonValueKind.Number ? new PointId { Num = point.Id.GetValue<ulong>() } : new PointId { Uuid = point.Id.GetValue<string>() };
        var message = new PointStruct { Id = id, Vectors = point.Vector };
        foreach (var (name, value) in point.Payload)
        {
            message.Payload[name] = ToValue(value);
        }

        return message;
    }).ToList();

    private static Value ToValue(JsonNode? node) => node switch
    {
        JsonObject fields => new Value { StructValue = new Struct { Fields = { fields.ToDictionary(p => p.Key, p => ToValue(p.Value)) } } },
        JsonArray items => new Value { ListValue = new ListValue { Values = { items.Select(ToValue) } } },
        JsonValue value => ToValue(value),
        _ => new Value { NullValue = NullValue.NullValue },
    };

    private static Value ToValue(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => new Value { StringValue = value.GetValue<string>() },
        JsonValueKind.Number => ToNumber(value),
        JsonValueKind.True => new Value { BoolValue = true },
        JsonValueKind.False => new Value { BoolValue = false },
        _ => new Value { NullValue = NullValue.NullValue },
    };

    // A whole number is an integer, as it is once the payload is JSON text (1.0 is written "1").
    private static Value ToNumber(JsonValue value)
    {
        if (value.TryGetValue<int>(out var small))
        {
            return new Value { IntegerValue = small };
        }

        if (value.TryGetValue<long>(out var large))
        {
            return new Value { IntegerValue = large };
        }

        var number = value.GetValue<double>();
        return double.IsInteger(number) && Math.Abs(number) < 9e18 ? new Value { IntegerValue = (long)number } : new Value { DoubleValue = number };
    }
}
