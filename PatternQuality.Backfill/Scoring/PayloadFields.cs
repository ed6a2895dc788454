using System.Text.Json;

namespace PatternQuality.Backfill.Scoring;

/// <summary>One payload field as the mapping rules see it: its JSON kind (Undefined when absent) and value.</summary>
public readonly record struct FieldValue(JsonValueKind Kind, string? Text = null, double Number = 0, bool NumberFits = true)
{
    public static FieldValue Absent => default;
}

/// <summary>
/// The payload fields SCORING.md's mapping reads, captured either from a parsed
/// <see cref="JsonElement"/> or while streaming a scroll page, so the rules exist once.
/// Arrays and objects are reduced to what the rules need: lengths, a key count, the first node type.
/// </summary>
public struct PayloadFields
{
    public FieldValue PatternName;
    public FieldValue Code;
    public FieldValue ContentPreview;
    public FieldValue Text;
    public FieldValue Description;
    public FieldValue NodeType;
    public FieldValue Confidence;
    public FieldValue PatternConfidence;
    public JsonValueKind NodeTypesKind;
    public FieldValue FirstNodeType;
    public JsonValueKind MetadataKind;
    public int MetadataKeyCount;
    public string? DeclaredComplexity;
    public JsonValueKind UseCasesKind;
    public int UseCaseCount;
    public JsonValueKind ExamplesKind;
    public int ExampleCount;

    public static PayloadFields From(JsonElement payload)
    {
        var fields = new PayloadFields();
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }

        foreach (var property in payload.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "pattern_name": fields.PatternName = Scalar(value); break;
                case "code": fields.Code = Scalar(value); break;
                case "content_preview": fields.ContentPreview = Scalar(value); break;
                case "text": fields.Text = Scalar(value); break;
                case "description": fields.Description = Scalar(value); break;
                case "node_type": fields.NodeType = Scalar(value); break;
                case "confidence": fields.Confidence = Scalar(value); break;
                case "pattern_confidence": fields.PatternConfidence = Scalar(value); break;
                case "node_types":
                    fields.NodeTypesKind = value.ValueKind;
                    fields.FirstNodeType = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 ? Scalar(value[0]) : FieldValue.Absent;
                    break;
                case "metadata":
                    fields.MetadataKind = value.ValueKind;
                    fields.MetadataKeyCount = 0;
                    fields.DeclaredComplexity = null;
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var entry in value.EnumerateObject())
                        {
                            fields.MetadataKeyCount++;
                            fields.DeclaredComplexity = entry.NameEquals("complexity")
                                ? entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString() : null
                                : fields.DeclaredComplexity;
                        }
                    }

                    break;
                case "use_cases":
                    fields.UseCasesKind = value.ValueKind;
                    fields.UseCaseCount = value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;
                    break;
                case "examples":
                    fields.ExamplesKind = value.ValueKind;
                    fields.ExampleCount = value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;
                    break;
            }
        }

        return fields;
    }

    private static FieldValue Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new FieldValue(JsonValueKind.String, value.GetString()),
        JsonValueKind.Number => value.TryGetDouble(out var number) && double.IsFinite(number)
            ? new FieldValue(JsonValueKind.Number, Number: number)
            : new FieldValue(JsonValueKind.Number, NumberFits: false),
        var kind => new FieldValue(kind),
    };
}
