using System.Text.Json;

namespace PatternQuality.Backfill.Scoring;

/// <summary>One payload field as the mapping rules see it: its JSON kind (Undefined when absent) and value.</summary>
public readonly record struct FieldValue(JsonValueKind Kind, string? Text = null, double Number = 0, bool NumberFits = true)
{
    public static FieldValue Absent => default;
}

/// <summary>
/// The payload fields SCORING.md's mapping reads, captured from a parsed <see cref="JsonElement"/>
/// or from a gRPC payload through the same <see cref="Read{TValue, TValues}"/>, so the rules exist once.
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
        if (payload.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in payload.EnumerateObject())
            {
                fields.Read<JsonElement, JsonPayloadValues>(property.Name, property.Value);
            }
        }

        return fields;
    }

    /// <summary>Takes one payload field, whatever form its value arrived in (JSON, gRPC): the mapping reads these and no others.</summary>
    public void Read<TValue, TValues>(ReadOnlySpan<char> name, TValue value)
        where TValues : IPayloadValues<TValue>
    {
        switch (name)
        {
            case "pattern_name": PatternName = TValues.Scalar(value); break;
            case "code": Code = TValues.Scalar(value); break;
            case "content_preview": ContentPreview = TValues.Scalar(value); break;
            case "text": Text = TValues.Scalar(value); break;
            case "description": Description = TValues.Scalar(value); break;
            case "node_type": NodeType = TValues.Scalar(value); break;
            case "confidence": Confidence = TValues.Scalar(value); break;
            case "pattern_confidence": PatternConfidence = TValues.Scalar(value); break;
            case "node_types":
                NodeTypesKind = TValues.Kind(value);
                FirstNodeType = TValues.Items(value) > 0 ? TValues.Scalar(TValues.FirstItem(value)) : FieldValue.Absent;
                break;
            case "metadata":
                MetadataKind = TValues.Kind(value);
                MetadataKeyCount = TValues.Keys(value);
                DeclaredComplexity = TValues.StringProperty(value, "complexity");
                break;
            case "use_cases":
                UseCasesKind = TValues.Kind(value);
                UseCaseCount = TValues.Items(value);
                break;
            case "examples":
                ExamplesKind = TValues.Kind(value);
                ExampleCount = TValues.Items(value);
                break;
        }
    }
}
