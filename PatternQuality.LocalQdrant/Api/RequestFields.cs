using System.Text.Json;
using PatternQuality.LocalQdrant.Requests;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>Reading the fields of request bodies with Qdrant's error messages.</summary>
public static class RequestFields
{
    public static JsonElement? Optional(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static void EnsureObject(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw QdrantError.Format($"invalid type: {Describe(body)}, expected a map");
        }
    }

    public static PointId Id(JsonElement element) =>
        PointId.TryParse(element, out var id) ? id : throw QdrantError.InvalidPointId(element.GetRawText());

    public static List<PointId> Ids(JsonElement array, string field)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw QdrantError.Format($"{field}: invalid type: {Describe(array)}, expected a sequence");
        }

        return array.EnumerateArray().Select(Id).ToList();
    }

    /// <summary>Filters are a large language of their own; this store has none, and says so rather than ignoring one.</summary>
    public static void RefuseFilter(JsonElement body)
    {
        if (Optional(body, "filter") is not null)
        {
            throw Filters.Unsupported();
        }
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"string \"{element.GetString()}\"",
        JsonValueKind.Number => $"number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean `{element.GetRawText()}`",
        JsonValueKind.Array => "sequence",
        JsonValueKind.Object => "map",
        _ => "null",
    };
}
