using System.Text.Json;
using Google.Protobuf.Collections;
using PatternQuality.Backfill.Scoring;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>The payload fields the mapping rules read, from a gRPC payload, through the same rules as JSON (<see cref="PayloadFields.Read{TValue, TValues}"/>).</summary>
public static class ProtoPayloadFields
{
    public static PayloadFields From(MapField<string, Value> payload)
    {
        var fields = new PayloadFields();
        foreach (var (name, value) in payload)
        {
            fields.Read<Value, ProtoPayloadValues>(name, value);
        }

        return fields;
    }
}

/// <summary>Payload values as Qdrant.Client's <see cref="Value"/>: JSON kinds as Qdrant maps them (integers and doubles are numbers).</summary>
public readonly struct ProtoPayloadValues : IPayloadValues<Value>
{
    public static JsonValueKind Kind(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => JsonValueKind.String,
        Value.KindOneofCase.IntegerValue or Value.KindOneofCase.DoubleValue => JsonValueKind.Number,
        Value.KindOneofCase.BoolValue => value.BoolValue ? JsonValueKind.True : JsonValueKind.False,
        Value.KindOneofCase.StructValue => JsonValueKind.Object,
        Value.KindOneofCase.ListValue => JsonValueKind.Array,
        Value.KindOneofCase.NullValue => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    public static FieldValue Scalar(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => new FieldValue(JsonValueKind.String, value.StringValue),
        Value.KindOneofCase.IntegerValue => new FieldValue(JsonValueKind.Number, Number: value.IntegerValue),
        Value.KindOneofCase.DoubleValue when double.IsFinite(value.DoubleValue) => new FieldValue(JsonValueKind.Number, Number: value.DoubleValue),
        Value.KindOneofCase.DoubleValue => new FieldValue(JsonValueKind.Number, NumberFits: false),
        _ => new FieldValue(Kind(value)),
    };

    public static int Items(Value value) => value.KindCase == Value.KindOneofCase.ListValue ? value.ListValue.Values.Count : 0;

    public static Value FirstItem(Value array) => array.ListValue.Values[0];

    public static int Keys(Value value) => value.KindCase == Value.KindOneofCase.StructValue ? value.StructValue.Fields.Count : 0;

    public static string? StringProperty(Value value, string key) =>
        value.KindCase == Value.KindOneofCase.StructValue && value.StructValue.Fields.TryGetValue(key, out var found)
            && found.KindCase == Value.KindOneofCase.StringValue
            ? found.StringValue
            : null;
}
