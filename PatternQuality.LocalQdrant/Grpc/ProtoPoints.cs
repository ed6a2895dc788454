using System.Text.Json;
using Google.Protobuf;
using PatternQuality.LocalQdrant.Requests;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// The points of a Scroll or Get answer, written straight from the stored JSON into the wire format of
/// <c>RetrievedPoint</c>: building a message object for every payload value, then serialising them, cost the
/// store 14 µs a point, most of a scroll's time (measured per page of 1,000 demo points; this way under 4 µs).
/// A JSON number that is an integer becomes <c>integer_value</c>, any other number <c>double_value</c>, as in Qdrant.
/// </summary>
public static class ProtoPoints
{
    // Value's oneof (json_with_int.proto): null 1, double 2, integer 3, string 4, bool 5, struct 6, list 7;
    // a map entry is {key 1, value 2}; Struct.fields and ListValue.values are field 1.
    private const int Varint = 0, Fixed64 = 1;

    /// <summary>Adds the points as the repeated field <paramref name="field"/> of <paramref name="response"/>, carried through as encoded.</summary>
    public static void AddTo(IMessage response, int field, IEnumerable<StoredPoint> points, PointSelection selection)
    {
        var writer = new WireWriter();
        foreach (var point in points)
        {
            var retrieved = writer.Begin(field);
            WriteId(writer, point.Id);
            if (selection.WithPayload && point.Payload is not null)
            {
                var json = new Utf8JsonReader(selection.SelectPayload(point.Payload).Span);
                json.Read();
                WriteEntries(writer, RetrievedPoint.PayloadFieldNumber, ref json);
            }

            if (selection.SelectVector(point.Vector) is { } vector)
            {
                writer.LengthDelimitedField(RetrievedPoint.VectorsFieldNumber, ProtoVectors.ToOutput(vector).ToByteArray());
            }

            writer.End(retrieved);
        }

        response.MergeFrom(new CodedInputStream(writer.Written.ToArray()));
    }

    private static void WriteId(WireWriter writer, Storage.PointId id)
    {
        var start = writer.Begin(RetrievedPoint.IdFieldNumber);
        if (id.IsUuid)
        {
            writer.LengthDelimitedField(PointId.UuidFieldNumber, System.Text.Encoding.ASCII.GetBytes(id.ToString()));
        }
        else
        {
            writer.Tag(PointId.NumFieldNumber, Varint);
            writer.Varint(id.Number);
        }

        writer.End(start);
    }

    /// <summary>The properties of the object the reader is at, as map entries of <paramref name="field"/>.</summary>
    private static void WriteEntries(WireWriter writer, int field, ref Utf8JsonReader json)
    {
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var entry = writer.Begin(field);
            WriteString(writer, 1, ref json);
            json.Read();
            var value = writer.Begin(2);
            WriteValue(writer, ref json);
            writer.End(value);
            writer.End(entry);
        }
    }

    private static void WriteValue(WireWriter writer, ref Utf8JsonReader json)
    {
        switch (json.TokenType)
        {
            case JsonTokenType.String:
                WriteString(writer, 4, ref json);
                break;
            case JsonTokenType.Number when json.TryGetInt64(out var integer):
                writer.Tag(3, Varint);
                writer.Varint((ulong)integer);
                break;
            case JsonTokenType.Number:
                // A number beyond a double (REST stores what it was given) reaches gRPC as an infinity of its sign.
                writer.Tag(2, Fixed64);
                writer.Double(json.TryGetDouble(out var number) ? number : json.ValueSpan[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                writer.Tag(5, Varint);
                writer.Varint(json.TokenType == JsonTokenType.True ? 1UL : 0UL);
                break;
            case JsonTokenType.StartObject:
                var fields = writer.Begin(6);
                WriteEntries(writer, 1, ref json);
                writer.End(fields);
                break;
            case JsonTokenType.StartArray:
                var values = writer.Begin(7);
                while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                {
                    var item = writer.Begin(1);
                    WriteValue(writer, ref json);
                    writer.End(item);
                }

                writer.End(values);
                break;
            default:
                writer.Tag(1, Varint);
                writer.Varint(0);
                break;
        }
    }

    /// <summary>A property name or string value as a UTF-8 string field, unescaped.</summary>
    private static void WriteString(WireWriter writer, int field, ref Utf8JsonReader json)
    {
        if (!json.ValueIsEscaped)
        {
            writer.LengthDelimitedField(field, json.ValueSpan);
            return;
        }

        var start = writer.Begin(field);
        writer.Advance(json.CopyString(writer.Free(json.ValueSpan.Length)));
        writer.End(start);
    }
}
