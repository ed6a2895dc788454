using System.Text;
using System.Text.Json;
using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// Reads a scroll response in one pass with <see cref="Utf8JsonReader"/>, keeping only the
/// fields the mapping rules read: pages are the backfill's hot path, and a DOM of each
/// payload cost more than scoring it.
/// </summary>
public static class ScrollPageReader
{
    public static ScrollPage Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        var points = new List<ScrolledPoint>();
        string? next = null;
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("result"u8))
            {
                SkipValue(ref reader);
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject);
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("points"u8))
                {
                    Expect(ref reader, JsonTokenType.StartArray);
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        points.Add(ReadRecord(ref reader));
                    }
                }
                else if (reader.ValueTextEquals("next_page_offset"u8))
                {
                    reader.Read();
                    next = reader.TokenType == JsonTokenType.Null ? null : RawText(ref reader);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }

        return new ScrollPage(points, next);
    }

    private static ScrolledPoint ReadRecord(ref Utf8JsonReader reader)
    {
        var idJson = "null";
        Guid? patternId = null;
        var payload = new PayloadFields();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                idJson = RawText(ref reader);
                patternId = reader.TokenType switch
                {
                    JsonTokenType.Number when reader.TryGetUInt64(out var number) => PatternIds.FromInteger(number),
                    JsonTokenType.String when PatternIds.TryParseUuid(reader.GetString()!, out var uuid) => uuid,
                    _ => null,
                };
                reader.Skip();
            }
            else if (reader.ValueTextEquals("payload"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadPayload(ref reader, ref payload);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new ScrolledPoint(idJson, patternId, payload);
    }

    private static void ReadPayload(ref Utf8JsonReader reader, ref PayloadFields fields)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("pattern_name"u8)) { fields.PatternName = Scalar(ref reader); }
            else if (reader.ValueTextEquals("code"u8)) { fields.Code = Scalar(ref reader); }
            else if (reader.ValueTextEquals("content_preview"u8)) { fields.ContentPreview = Scalar(ref reader); }
            else if (reader.ValueTextEquals("text"u8)) { fields.Text = Scalar(ref reader); }
            else if (reader.ValueTextEquals("description"u8)) { fields.Description = Scalar(ref reader); }
            else if (reader.ValueTextEquals("node_type"u8)) { fields.NodeType = Scalar(ref reader); }
            else if (reader.ValueTextEquals("confidence"u8)) { fields.Confidence = Scalar(ref reader); }
            else if (reader.ValueTextEquals("pattern_confidence"u8)) { fields.PatternConfidence = Scalar(ref reader); }
            else if (reader.ValueTextEquals("node_types"u8)) { fields.NodeTypesKind = Array(ref reader, out _, out fields.FirstNodeType); }
            else if (reader.ValueTextEquals("use_cases"u8)) { fields.UseCasesKind = Array(ref reader, out fields.UseCaseCount, out _); }
            else if (reader.ValueTextEquals("examples"u8)) { fields.ExamplesKind = Array(ref reader, out fields.ExampleCount, out _); }
            else if (reader.ValueTextEquals("metadata"u8)) { fields.MetadataKind = Metadata(ref reader, out fields.MetadataKeyCount, out fields.DeclaredComplexity); }
            else { SkipValue(ref reader); }
        }
    }

    /// <summary>Reads the next value; containers are skipped and reported by kind only.</summary>
    private static FieldValue Scalar(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ValueAtCurrent(ref reader);
    }

    private static FieldValue ValueAtCurrent(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new FieldValue(JsonValueKind.String, reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var number) && double.IsFinite(number)
                    ? new FieldValue(JsonValueKind.Number, Number: number)
                    : new FieldValue(JsonValueKind.Number, NumberFits: false);
            default:
                var kind = KindOf(reader.TokenType);
                reader.Skip();
                return new FieldValue(kind);
        }
    }

    /// <summary>An array's length and first element; any other value is reported by kind.</summary>
    private static JsonValueKind Array(ref Utf8JsonReader reader, out int length, out FieldValue first)
    {
        length = 0;
        first = FieldValue.Absent;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ValueAtCurrent(ref reader).Kind;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var element = ValueAtCurrent(ref reader);
            if (length++ == 0)
            {
                first = element;
            }
        }

        return JsonValueKind.Array;
    }

    private static JsonValueKind Metadata(ref Utf8JsonReader reader, out int keys, out string? complexity)
    {
        keys = 0;
        complexity = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return ValueAtCurrent(ref reader).Kind;
        }

        while (NextProperty(ref reader))
        {
            keys++;
            var isComplexity = reader.ValueTextEquals("complexity"u8);
            reader.Read();
            if (isComplexity)
            {
                complexity = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return JsonValueKind.Object;
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>A number or string token as the JSON text it arrived as; other tokens as their literal.</summary>
    private static string RawText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.String => $"\"{Encoding.UTF8.GetString(reader.ValueSpan)}\"",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => "{}",
    };

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"unexpected scroll response: expected {token}");
        }
    }
}
