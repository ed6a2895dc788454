using System.Text.Json;
using PatternQuality.Contracts.Qdrant;

namespace PatternQuality.Backfill.Scoring;

/// <summary>Why a pattern was not scored; the names are the keys of the run's rejection counts.</summary>
public static class RejectionReasons
{
    public const string InvalidId = "invalid_id";
    public const string InvalidConfidence = "invalid_confidence";
    public const string BelowMinConfidence = "below_min_confidence";
    public const string NotAnObject = "not_an_object";
    public const string ForeignKeyViolation = "foreign_key_violation";
}

/// <summary>A pattern ready to score, or the reason it cannot be, plus the fields that had to be defaulted.</summary>
public sealed record MappingResult(MappedPattern? Pattern, string? RejectionReason, IReadOnlyList<string> DefaultedFields)
{
    public static MappingResult Rejected(string reason, IReadOnlyList<string>? defaulted = null) => new(null, reason, defaulted ?? []);
}

/// <summary>
/// Turns a Qdrant point (id + payload) or an already mapped pattern into the scorer's input,
/// following SCORING.md: a field of the wrong JSON type is treated as absent and noted; an
/// id Qdrant would refuse, or a confidence that is not a finite number in [0, 1], rejects it.
/// </summary>
public static class PatternMapper
{
    public static MappingResult FromQdrantPoint(JsonElement pointId, JsonElement payload) =>
        PatternIds.TryGetPatternId(pointId, out var patternId)
            ? FromPayload(patternId, PayloadFields.From(payload))
            : MappingResult.Rejected(RejectionReasons.InvalidId);

    /// <summary>The mapping rules of SCORING.md over a point's payload fields.</summary>
    public static MappingResult FromPayload(Guid patternId, in PayloadFields payload)
    {
        var defaulted = new List<string>(0);
        var name = Text(payload.PatternName, "pattern_name", defaulted) ?? "unnamed_pattern";
        var code = NonEmpty(Text(payload.Code, "code", defaulted)) ?? Text(payload.ContentPreview, "content_preview", defaulted) ?? "";
        var text = NonEmpty(Text(payload.Text, "text", defaulted)) ?? Text(payload.Description, "description", defaulted) ?? "";
        var nodeType = Text(payload.NodeType, "node_type", defaulted) ?? FirstNodeType(payload, defaulted);

        if (!TryNumber(payload.Confidence, "confidence", defaulted, out var confidence)
            || confidence is null && !TryNumber(payload.PatternConfidence, "pattern_confidence", defaulted, out confidence)
            || !IsValidConfidence(confidence ?? 0.0))
        {
            return MappingResult.Rejected(RejectionReasons.InvalidConfidence, defaulted);
        }

        return Complete(new MappedPattern
        {
            PatternId = patternId,
            PatternName = name,
            Code = code,
            Text = text,
            NodeType = nodeType,
            Confidence = confidence ?? 0.0,
        }, payload, defaulted);
    }

    /// <summary>A pattern already in the scorer's input shape (SCORING.md "Input"), as <c>score</c> reads it.</summary>
    public static MappingResult FromMappedPattern(JsonElement pattern)
    {
        if (pattern.ValueKind != JsonValueKind.Object)
        {
            return MappingResult.Rejected(RejectionReasons.NotAnObject);
        }

        if (!pattern.TryGetProperty("pattern_id", out var id) || id.ValueKind != JsonValueKind.String
            || !PointUuid.TryParse(id.GetString()!, out var patternId))
        {
            return MappingResult.Rejected(RejectionReasons.InvalidId);
        }

        var defaulted = new List<string>(0);
        var fields = PayloadFields.From(pattern);
        if (!TryNumber(fields.Confidence, "confidence", defaulted, out var confidence) || !IsValidConfidence(confidence ?? 0.0))
        {
            return MappingResult.Rejected(RejectionReasons.InvalidConfidence, defaulted);
        }

        return Complete(new MappedPattern
        {
            PatternId = patternId,
            PatternName = Text(fields.PatternName, "pattern_name", defaulted) ?? "",
            Code = Text(fields.Code, "code", defaulted) ?? "",
            Text = Text(fields.Text, "text", defaulted) ?? "",
            NodeType = Text(fields.NodeType, "node_type", defaulted),
            Confidence = confidence ?? 0.0,
        }, fields, defaulted);
    }

    /// <summary>metadata, use_cases and examples: the same rules for both inputs.</summary>
    private static MappingResult Complete(MappedPattern pattern, in PayloadFields fields, List<string> defaulted) =>
        new(pattern with
        {
            MetadataKeyCount = Expect(fields.MetadataKind, JsonValueKind.Object, "metadata", defaulted) ? fields.MetadataKeyCount : 0,
            DeclaredComplexity = fields.MetadataKind == JsonValueKind.Object ? fields.DeclaredComplexity : null,
            UseCaseCount = Expect(fields.UseCasesKind, JsonValueKind.Array, "use_cases", defaulted) ? fields.UseCaseCount : 0,
            ExampleCount = Expect(fields.ExamplesKind, JsonValueKind.Array, "examples", defaulted) ? fields.ExampleCount : 0,
        }, null, defaulted);

    private static bool IsValidConfidence(double confidence) => double.IsFinite(confidence) && confidence is >= 0.0 and <= 1.0;

    private static string? FirstNodeType(in PayloadFields payload, List<string> defaulted)
    {
        if (!Expect(payload.NodeTypesKind, JsonValueKind.Array, "node_types", defaulted) || payload.FirstNodeType.Kind == JsonValueKind.Undefined)
        {
            return null;
        }

        if (payload.FirstNodeType.Kind == JsonValueKind.String)
        {
            return payload.FirstNodeType.Text;
        }

        defaulted.Add("node_types");
        return null;
    }

    /// <summary>A string field's value; absent or null give null, another type is noted.</summary>
    private static string? Text(FieldValue field, string name, List<string> defaulted) =>
        Expect(field.Kind, JsonValueKind.String, name, defaulted) ? field.Text : null;

    /// <summary>False only for a number that does not fit a double; null when absent or not a number.</summary>
    private static bool TryNumber(FieldValue field, string name, List<string> defaulted, out double? value)
    {
        value = null;
        if (!Expect(field.Kind, JsonValueKind.Number, name, defaulted))
        {
            return true;
        }

        value = field.NumberFits ? field.Number : null;
        return field.NumberFits;
    }

    /// <summary>Whether the field is present with the expected kind; absent or null is not, another kind is noted.</summary>
    private static bool Expect(JsonValueKind actual, JsonValueKind expected, string name, List<string> defaulted)
    {
        if (actual is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return false;
        }

        if (actual != expected)
        {
            defaulted.Add(name);
            return false;
        }

        return true;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
