using System.Text.Json;
using System.Text.Unicode;
using PatternQuality.LocalQdrant.Storage;
using PatternQuality.Protobuf;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// A gRPC payload (<c>map&lt;string, Value&gt;</c>) as the JSON the store keeps, read straight from the wire:
/// parsing it into Value messages first, then writing those, was half the store's time on batched upserts and most
/// of its garbage (dotnet-trace, 200,000 demo points). <see cref="ProtoPoints"/> writes it back.
/// </summary>
public static class ProtoPayload
{
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
        var (key, value) = MapEntry.Read(entry);
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

        var read = PayloadValue.Read(value);
        switch (read.Kind)
        {
            case PayloadValueKind.String: writer.WriteStringValue(Valid(read.Bytes.Span, path)); break;
            case PayloadValueKind.Integer: writer.WriteNumberValue(read.Integer); break;
            case PayloadValueKind.Double when double.IsFinite(read.Double): writer.WriteNumberValue(read.Double); break;
            case PayloadValueKind.Double: throw QdrantError.Format($"{Where(path)}: {read.Double} is not a number JSON can hold");
            case PayloadValueKind.Bool: writer.WriteBooleanValue(read.Bool); break;
            case PayloadValueKind.Struct: WriteObject(writer, StructFields(read, scratch.Fields(depth)), path, depth, scratch); break;
            case PayloadValueKind.List: WriteList(writer, read, path, depth, scratch); break;
            default: writer.WriteNullValue(); break;
        }
    }

    private static List<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> StructFields(
        PayloadValue value, List<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> fields)
    {
        foreach (var entry in value.Items)
        {
            Add(fields, entry);
        }

        return fields;
    }

    private static void WriteList(Utf8JsonWriter writer, PayloadValue list, ReadOnlyMemory<byte> path, int depth, JsonScratch scratch)
    {
        writer.WriteStartArray();
        foreach (var item in list.Items)
        {
            WriteValue(writer, item, path, depth + 1, scratch);
        }

        writer.WriteEndArray();
    }

    private static ReadOnlySpan<byte> Valid(ReadOnlySpan<byte> text, ReadOnlyMemory<byte> path) =>
        Utf8.IsValid(text) ? text : throw QdrantError.BadRequest($"{Where(path)}: a string that is not UTF-8");

    private static string Where(ReadOnlyMemory<byte> path) => $"payload.{System.Text.Encoding.UTF8.GetString(path.Span)}";
}
