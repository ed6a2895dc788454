using System.Text.Json;

namespace PatternQuality.Backfill.Scoring;

/// <summary>What the mapping rules ask of a payload value, for each form a value arrives in.</summary>
public interface IPayloadValues<TValue>
{
    static abstract JsonValueKind Kind(TValue value);

    /// <summary>A string or a number as such (a number that is no finite double marked as not fitting); any other value by kind.</summary>
    static abstract FieldValue Scalar(TValue value);

    /// <summary>The length of an array; 0 for anything else.</summary>
    static abstract int Items(TValue value);

    static abstract TValue FirstItem(TValue array);

    /// <summary>The number of keys of an object; 0 for anything else.</summary>
    static abstract int Keys(TValue value);

    /// <summary>The string under a key of an object (the last, where a key repeats); null for anything else.</summary>
    static abstract string? StringProperty(TValue value, string key);
}

/// <summary>Payload values as parsed JSON.</summary>
public readonly struct JsonPayloadValues : IPayloadValues<JsonElement>
{
    public static JsonValueKind Kind(JsonElement value) => value.ValueKind;

    public static FieldValue Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new FieldValue(JsonValueKind.String, value.GetString()),
        JsonValueKind.Number => value.TryGetDouble(out var number) && double.IsFinite(number)
            ? new FieldValue(JsonValueKind.Number, Number: number)
            : new FieldValue(JsonValueKind.Number, NumberFits: false),
        var kind => new FieldValue(kind),
    };

    public static int Items(JsonElement value) => value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;

    public static JsonElement FirstItem(JsonElement array) => array[0];

    public static int Keys(JsonElement value) => value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Count() : 0;

    public static string? StringProperty(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.Object && value.EnumerateObject().LastOrDefault(p => p.NameEquals(key)) is { Value.ValueKind: JsonValueKind.String } found
            ? found.Value.GetString()
            : null;
}
