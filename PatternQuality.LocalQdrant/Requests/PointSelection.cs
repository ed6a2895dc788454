using System.Text.Json;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Requests;

/// <summary>
/// What of each point a read returns: <c>with_payload</c> (bool, keys, include/exclude; a key may be a nested path
/// <c>a.b</c>) and <c>with_vector</c> (bool, or the names of the vectors wanted).
/// </summary>
public sealed class PointSelection
{
    private readonly bool withPayload;
    private readonly HashSet<string>? include;
    private readonly HashSet<string>? exclude;
    private readonly bool withVector;
    private readonly HashSet<string>? vectorNames;

    private PointSelection(bool withPayload, HashSet<string>? include, HashSet<string>? exclude, bool withVector, HashSet<string>? vectorNames)
    {
        this.withPayload = withPayload;
        this.include = include;
        this.exclude = exclude;
        this.withVector = withVector;
        this.vectorNames = vectorNames;
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
        (bool withVector, HashSet<string>? vectorNames) = vector switch
        {
            null or { ValueKind: JsonValueKind.False } => (false, (HashSet<string>?)null),
            { ValueKind: JsonValueKind.True } => (true, null),
            { ValueKind: JsonValueKind.Array } names => (true, Keys(names, "with_vector")),
            _ => throw QdrantError.Format("with_vector: expected a bool or a list of vector names"),
        };
        return new PointSelection(withPayload, include, exclude, withVector, vectorNames);
    }

    /// <summary>The selection a gRPC request makes, in the REST request's terms.</summary>
    public static PointSelection Of(bool withPayload, IEnumerable<string>? include, IEnumerable<string>? exclude, bool withVector, IEnumerable<string>? vectorNames) =>
        new(withPayload, include?.ToHashSet(), exclude?.ToHashSet(), withVector, vectorNames?.ToHashSet());

    public bool WithPayload => withPayload;

    public void WriteRecord(Utf8JsonWriter writer, StoredPoint point)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("id");
        point.Id.WriteTo(writer);
        if (withPayload)
        {
            writer.WritePropertyName("payload");
            writer.WriteRawValue(SelectPayload(point.Payload).Span, skipInputValidation: true);
        }

        if (SelectVector(point.Vector) is { } vector)
        {
            writer.WritePropertyName("vector");
            writer.WriteRawValue(vector.Span, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    /// <summary>The payload as JSON, reduced to the keys asked for; <c>{}</c> for a point without one.</summary>
    public ReadOnlyMemory<byte> SelectPayload(byte[]? payload)
    {
        if (payload is null)
        {
            return "{}"u8.ToArray();
        }

        if (include is null && exclude is null)
        {
            return payload;
        }

        using var document = JsonDocument.Parse(payload);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(payload.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (include is not null)
            {
                WriteIncluded(writer, document.RootElement, include);
            }
            else
            {
                WriteAllBut(writer, document.RootElement, exclude!);
            }
        }

        return buffer.WrittenMemory;
    }

    /// <summary>All vectors, or only the named ones asked for (the unnamed vector answers to the name ""); null for none.</summary>
    public ReadOnlyMemory<byte>? SelectVector(byte[]? vector)
    {
        if (!withVector || vector is null)
        {
            return null;
        }

        if (vectorNames is null)
        {
            return vector;
        }

        using var document = JsonDocument.Parse(vector);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return vectorNames.Contains("") ? vector : null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(vector.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var named in document.RootElement.EnumerateObject().Where(v => vectorNames.Contains(v.Name)))
            {
                named.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The keys named, a key <c>a.b</c> reaching into the object <c>a</c>.</summary>
    private static void WriteIncluded(Utf8JsonWriter writer, JsonElement payload, IReadOnlySet<string> keys)
    {
        writer.WriteStartObject();
        foreach (var property in payload.EnumerateObject())
        {
            if (keys.Contains(property.Name))
            {
                property.WriteTo(writer);
            }
            else if (property.Value.ValueKind == JsonValueKind.Object && Below(keys, property.Name) is { Count: > 0 } nested)
            {
                writer.WritePropertyName(property.Name);
                WriteIncluded(writer, property.Value, nested);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Every key but those named, a key <c>a.b</c> removing <c>b</c> from the object <c>a</c>.</summary>
    private static void WriteAllBut(Utf8JsonWriter writer, JsonElement payload, IReadOnlySet<string> keys)
    {
        writer.WriteStartObject();
        foreach (var property in payload.EnumerateObject().Where(p => !keys.Contains(p.Name)))
        {
            if (property.Value.ValueKind == JsonValueKind.Object && Below(keys, property.Name) is { Count: > 0 } nested)
            {
                writer.WritePropertyName(property.Name);
                WriteAllBut(writer, property.Value, nested);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The paths below <paramref name="key"/>: <c>b.c</c> for <c>a.b.c</c> under <c>a</c>.</summary>
    private static HashSet<string> Below(IReadOnlySet<string> keys, string key) =>
        keys.Where(k => k.Length > key.Length + 1 && k.StartsWith(key, StringComparison.Ordinal) && k[key.Length] == '.')
            .Select(k => k[(key.Length + 1)..]).ToHashSet();

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
