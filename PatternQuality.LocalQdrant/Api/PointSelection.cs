using System.Text.Json;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>What of each point a read returns: <c>with_payload</c> (bool, keys, include/exclude) and <c>with_vector</c>.</summary>
public sealed class PointSelection
{
    private readonly bool withPayload;
    private readonly HashSet<string>? include;
    private readonly HashSet<string>? exclude;
    private readonly bool withVector;

    private PointSelection(bool withPayload, HashSet<string>? include, HashSet<string>? exclude, bool withVector)
    {
        this.withPayload = withPayload;
        this.include = include;
        this.exclude = exclude;
        this.withVector = withVector;
    }

    public static PointSelection Parse(JsonElement request)
    {
        var payload = Property(request, "with_payload");
        var vector = Property(request, "with_vector") ?? Property(request, "with_vectors");
        (bool withPayload, HashSet<string>? include, HashSet<string>? exclude) = payload switch
        {
            null => (true, (HashSet<string>?)null, (HashSet<string>?)null),
            { ValueKind: JsonValueKind.True } => (true, null, null),
            { ValueKind: JsonValueKind.False } => (false, null, null),
            { ValueKind: JsonValueKind.Array } keys => (true, Keys(keys, "with_payload"), null),
            { ValueKind: JsonValueKind.Object } selector when selector.TryGetProperty("include", out var inc) => (true, Keys(inc, "with_payload.include"), null),
            { ValueKind: JsonValueKind.Object } selector when selector.TryGetProperty("exclude", out var exc) => (true, null, Keys(exc, "with_payload.exclude")),
            _ => throw QdrantError.Format("with_payload: expected a bool, a list of keys, or {\"include\"} / {\"exclude\"}"),
        };
        var withVector = vector switch
        {
            null or { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.True or JsonValueKind.Array } => true,
            _ => throw QdrantError.Format("with_vector: expected a bool or a list of vector names"),
        };
        return new PointSelection(withPayload, include, exclude, withVector);
    }

    public void WriteRecord(Utf8JsonWriter writer, StoredPoint point)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("id");
        point.Id.WriteTo(writer);
        if (withPayload)
        {
            writer.WritePropertyName("payload");
            WritePayload(writer, point.Payload);
        }

        if (withVector && point.Vector is not null)
        {
            writer.WritePropertyName("vector");
            writer.WriteRawValue(point.Vector, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    private void WritePayload(Utf8JsonWriter writer, byte[]? payload)
    {
        if (payload is null)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        if (include is null && exclude is null)
        {
            writer.WriteRawValue(payload, skipInputValidation: true);
            return;
        }

        using var document = JsonDocument.Parse(payload);
        writer.WriteStartObject();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if ((include is null || include.Contains(property.Name)) && (exclude is null || !exclude.Contains(property.Name)))
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static HashSet<string> Keys(JsonElement keys, string path) => keys.ValueKind switch
    {
        JsonValueKind.String => [keys.GetString()!],
        JsonValueKind.Array when keys.EnumerateArray().All(k => k.ValueKind == JsonValueKind.String) =>
            keys.EnumerateArray().Select(k => k.GetString()!).ToHashSet(),
        _ => throw QdrantError.Format($"{path}: expected a key or a list of keys"),
    };

    private static JsonElement? Property(JsonElement request, string name) =>
        request.ValueKind == JsonValueKind.Object && request.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;
}
