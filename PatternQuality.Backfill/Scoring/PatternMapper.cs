using System.Text.Json;

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
    public static MappingResult FromQdrantPoint(JsonElement pointId, JsonElement payload)
    {
        var defaulted = new List<string>(0);
        if (!PatternIds.TryGetPatternId(pointId, out var patternId))
        {
            return MappingResult.Rejected(RejectionReasons.InvalidId);
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            // Qdrant omits (or nulls) the payload of a point that has none: score it on defaults.
            payload = default;
        }

        var name = StringField(payload, "pattern_name", defaulted) ?? "unnamed_pattern";
        var code = NonEmptyStringField(payload, "code", defaulted) ?? StringField(payload, "content_preview", defaulted) ?? "";
        var text = NonEmptyStringField(payload, "text", defaulted) ?? StringField(payload, "description", defaulted) ?? "";
        var nodeType = StringField(payload, "node_type", defaulted) ?? FirstNodeType(payload, defaulted);

        if (!TryConfidence(payload, defaulted, out var confidence))
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
            Confidence = confidence,
        }, payload, defaulted);
    }

    /// <summary>A pattern already in the scorer's input shape (SCORING.md "Input"), as <c>score</c> reads it.</summary>
    public static MappingResult FromMappedPattern(JsonElement pattern)
    {
        var defaulted = new List<string>(0);
        if (pattern.ValueKind != JsonValueKind.Object)
        {
            return MappingResult.Rejected(RejectionReasons.NotAnObject);
        }

        if (StringField(pattern, "pattern_id", defaulted) is not { } id || !PatternIds.TryParseUuid(id, out var patternId))
        {
            return MappingResult.Rejected(RejectionReasons.InvalidId, defaulted);
        }

        if (!TryNumber(pattern, "confidence", defaulted, out var confidence) || !IsValidConfidence(confidence ??= 0.0))
        {
            return MappingResult.Rejected(RejectionReasons.InvalidConfidence, defaulted);
        }

        return Complete(new MappedPattern
        {
            PatternId = patternId,
            PatternName = StringField(pattern, "pattern_name", defaulted) ?? "",
            Code = StringField(pattern, "code", defaulted) ?? "",
            Text = StringField(pattern, "text", defaulted) ?? "",
            NodeType = StringField(pattern, "node_type", defaulted),
            Confidence = confidence.Value,
        }, pattern, defaulted);
    }

    private static MappingResult Complete(MappedPattern pattern, JsonElement source, List<string> defaulted)
    {
        var metadata = Field(source, "metadata", JsonValueKind.Object, defaulted);
        var complexity = default(string);
        var metadataKeys = 0;
        if (metadata is { } meta)
        {
            foreach (var property in meta.EnumerateObject())
            {
                metadataKeys++;
                if (property.NameEquals("complexity") && property.Value.ValueKind == JsonValueKind.String)
                {
                    complexity = property.Value.GetString();
                }
            }
        }

        return new MappingResult(pattern with
        {
            MetadataKeyCount = metadataKeys,
            DeclaredComplexity = complexity,
            UseCaseCount = Field(source, "use_cases", JsonValueKind.Array, defaulted)?.GetArrayLength() ?? 0,
            ExampleCount = Field(source, "examples", JsonValueKind.Array, defaulted)?.GetArrayLength() ?? 0,
        }, null, defaulted);
    }

    private static bool TryConfidence(JsonElement payload, List<string> defaulted, out double confidence)
    {
        confidence = 0.0;
        if (!TryNumber(payload, "confidence", defaulted, out var direct))
        {
            return false;
        }

        if (direct is null && !TryNumber(payload, "pattern_confidence", defaulted, out direct))
        {
            return false;
        }

        confidence = direct ?? 0.0;
        return IsValidConfidence(confidence);
    }

    /// <summary>False only for a number that does not fit a double; null when absent or not a number.</summary>
    private static bool TryNumber(JsonElement source, string name, List<string> defaulted, out double? value)
    {
        value = null;
        if (Field(source, name, JsonValueKind.Number, defaulted) is not { } number)
        {
            return true;
        }

        if (!number.TryGetDouble(out var parsed) || !double.IsFinite(parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool IsValidConfidence(double confidence) => double.IsFinite(confidence) && confidence is >= 0.0 and <= 1.0;

    private static string? FirstNodeType(JsonElement payload, List<string> defaulted)
    {
        if (Field(payload, "node_types", JsonValueKind.Array, defaulted) is not { } types || types.GetArrayLength() == 0)
        {
            return null;
        }

        var first = types[0];
        if (first.ValueKind == JsonValueKind.String)
        {
            return first.GetString();
        }

        defaulted.Add("node_types");
        return null;
    }

    private static string? NonEmptyStringField(JsonElement source, string name, List<string> defaulted) =>
        StringField(source, name, defaulted) is { Length: > 0 } value ? value : null;

    private static string? StringField(JsonElement source, string name, List<string> defaulted) =>
        Field(source, name, JsonValueKind.String, defaulted)?.GetString();

    /// <summary>The field when present with the expected JSON type; absent or null give null, another type is noted.</summary>
    private static JsonElement? Field(JsonElement source, string name, JsonValueKind kind, List<string> defaulted)
    {
        if (source.ValueKind != JsonValueKind.Object || !source.TryGetProperty(name, out var value)
            || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (value.ValueKind != kind)
        {
            defaulted.Add(name);
            return null;
        }

        return value;
    }
}
