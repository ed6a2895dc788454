using System.Text.Json;
using System.Text.Unicode;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// A gRPC payload (<c>map&lt;string, Value&gt;</c>) as the JSON the store keeps, read straight from the wire:
/// parsing it into Value messages first, then writing those, was half the store's time on batched upserts and most
/// of its garbage (dotnet-trace, 200,000 demo points). <see cref="ProtoPoints"/> writes it back.
/// </summary>
public static class ProtoPayload
{
    // Value's oneof (json_with_int.proto): null 1, double 2, integer 3, string 4, bool 5, struct 6, list 7;
    // a map entry is {key 1, value 2}; Struct.fields and ListValue.values are field 1.
    private const int NullField = 1, DoubleField = 2, IntegerField = 3, StringField = 4, BoolField = 5, StructField = 6, ListField = 7;

    // Google.Protobuf's default recursion limit, which the Value messages were parsed under before.
    private const int MaxDepth = 100;

    /// <summary>The payload's map entries, added to <paramref name="entries"/> with <see cref="Add"/>, as JSON to store; null for none, as REST stores a point without a payload.</summary>
    public static byte[]? ToJson(List<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> entries, JsonScratch scratch)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        var writer = scratch.Begin();
        WriteObject(writer, entries, path: default, depth: 0, scratch);
        return scratch.End();
    }

    /// <summary>Adds a map entry's key and value.</summary>
    public static void Add(List<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> entries, ReadOnlyMemory<byte> entry)
    {
        var reader = new WireReader(entry);
        ReadOnlyMemory<byte> key = default, value = default;
        while (reader.Next())
        {
            if (reader.Is(1, WireReader.LengthDelimited))
            {
                key = reader.ReadLengthDelimited();
            }
            else if (reader.Is(2, WireReader.LengthDelimited))
            {
                value = reader.ReadLengthDelimited();
            }
            else
            {
                reader.Skip();
            }
        }

        entries.Add((key, value));
    }

    /// <summary>Map entries as a JSON object; a key given twice keeps its last value, as a protobuf map does.</summary>
    /// <remarks><paramref name="path"/> is the top-level key a value is under, named in errors; none at the top.</remarks>
    private static void WriteObject(
        Utf8JsonWriter writer, List<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> fields, ReadOnlyMemory<byte> path, int depth, JsonScratch scratch)
    {
        writer.WriteStartObject();
        for (var i = 0; i < fields.Count; i++)
        {
            var (key, value) = fields[i];
            if (IsOverridden(fields, i))
            {
                continue;
            }

            writer.WritePropertyName(Valid(key.Span, depth == 0 ? key : path));
            WriteValue(writer, value, depth == 0 ? key : path, depth + 1, scratch);
        }

        writer.WriteEndObject();
    }

    private static bool IsOverridden(List<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> fields, int index)
    {
        for (var later = index + 1; later < fields.Count; later++)
        {
            if (fields[later].Key.Span.SequenceEqual(fields[index].Key.Span))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteValue(Utf8JsonWriter writer, ReadOnlyMemory<byte> value, ReadOnlyMemory<byte> path, int depth, JsonScratch scratch)
    {
        if (depth > MaxDepth)
        {
            throw QdrantError.BadRequest($"{Where(path)}: nested more than {MaxDepth} deep");
        }

        var reader = new WireReader(value);
        var kind = 0;
        ulong number = 0;
        double real = 0;
        ReadOnlyMemory<byte> nested = default;
        while (reader.Next())
        {
            switch (reader.Field, reader.WireType)
            {
                case (NullField or IntegerField or BoolField, WireReader.Varint):
                    kind = reader.Field;
                    number = reader.ReadVarint();
                    break;
                case (DoubleField, WireReader.Fixed64):
                    kind = DoubleField;
                    real = reader.ReadDouble();
                    break;
                case (StringField or StructField or ListField, WireReader.LengthDelimited):
                    kind = reader.Field;
                    nested = reader.ReadLengthDelimited();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        switch (kind)
        {
            case StringField: writer.WriteStringValue(Valid(nested.Span, path)); break;
            case IntegerField: writer.WriteNumberValue((long)number); break;
            case DoubleField when double.IsFinite(real): writer.WriteNumberValue(real); break;
            case DoubleField: throw QdrantError.Format($"{Where(path)}: {real} is not a number JSON can hold");
            case BoolField: writer.WriteBooleanValue(number != 0); break;
            case StructField: WriteObject(writer, StructFields(nested, scratch.Fields(depth)), path, depth, scratch); break;
            case ListField: WriteList(writer, nested, path, depth, scratch); break;
            default: writer.WriteNullValue(); break;
        }
    }

    /// <summary>Struct's entries, its field 1.</summary>
    private static List<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> StructFields(
        ReadOnlyMemory<byte> message, List<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> fields)
    {
        var reader = new WireReader(message);
        while (reader.Next())
        {
            if (reader.Is(1, WireReader.LengthDelimited))
            {
                Add(fields, reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip();
            }
        }

        return fields;
    }

    /// <summary>ListValue's values, its field 1, as a JSON array.</summary>
    private static void WriteList(Utf8JsonWriter writer, ReadOnlyMemory<byte> message, ReadOnlyMemory<byte> path, int depth, JsonScratch scratch)
    {
        writer.WriteStartArray();
        var reader = new WireReader(message);
        while (reader.Next())
        {
            if (reader.Is(1, WireReader.LengthDelimited))
            {
                WriteValue(writer, reader.ReadLengthDelimited(), path, depth + 1, scratch);
            }
            else
            {
                reader.Skip();
            }
        }

        writer.WriteEndArray();
    }

    private static ReadOnlySpan<byte> Valid(ReadOnlySpan<byte> text, ReadOnlyMemory<byte> path) =>
        Utf8.IsValid(text) ? text : throw QdrantError.BadRequest($"{Where(path)}: a string that is not UTF-8");

    private static string Where(ReadOnlyMemory<byte> path) => $"payload.{System.Text.Encoding.UTF8.GetString(path.Span)}";
}
