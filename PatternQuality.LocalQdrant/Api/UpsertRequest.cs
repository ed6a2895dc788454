using System.Text.Json;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>The two shapes of an upsert: <c>{"points": [...]}</c> and <c>{"batch": {"ids", "vectors", "payloads"}}</c>.</summary>
public static class UpsertRequest
{
    public static List<StoredPoint> Parse(JsonElement body, VectorParams vectors)
    {
        RequestFields.EnsureObject(body);
        if (RequestFields.Optional(body, "points") is { } points)
        {
            if (points.ValueKind != JsonValueKind.Array)
            {
                throw QdrantError.Format("points: expected a sequence");
            }

            return points.EnumerateArray().Select(point => Point(point, vectors)).ToList();
        }

        if (RequestFields.Optional(body, "batch") is { } batch)
        {
            return Batch(batch, vectors);
        }

        throw QdrantError.Format("data did not match any variant of untagged enum PointInsertOperations");
    }

    private static StoredPoint Point(JsonElement point, VectorParams vectors)
    {
        RequestFields.EnsureObject(point);
        var id = point.TryGetProperty("id", out var rawId) ? RequestFields.Id(rawId) : throw QdrantError.Format("missing field `id`");
        var vector = RequestFields.Optional(point, "vector");
        vectors.Check(vector);
        return new StoredPoint(id, vector is { } v ? RawJson.Bytes(v) : null, Payload(RequestFields.Optional(point, "payload")));
    }

    private static List<StoredPoint> Batch(JsonElement batch, VectorParams vectors)
    {
        RequestFields.EnsureObject(batch);
        var ids = RequestFields.Optional(batch, "ids") is { } rawIds ? RequestFields.Ids(rawIds, "batch.ids") : throw QdrantError.Format("missing field `ids`");
        var vectorList = RequestFields.Optional(batch, "vectors");
        var payloads = RequestFields.Optional(batch, "payloads");
        if (vectorList is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() != ids.Count
            || payloads is { ValueKind: JsonValueKind.Array } p && p.GetArrayLength() != ids.Count)
        {
            throw QdrantError.WrongInput("number of ids, vectors and payloads in the batch must be the same");
        }

        var points = new List<StoredPoint>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            JsonElement? vector = vectorList is { ValueKind: JsonValueKind.Array } array ? array[i] : null;
            vectors.Check(vector);
            JsonElement? payload = payloads is { ValueKind: JsonValueKind.Array } payloadArray && payloadArray[i].ValueKind != JsonValueKind.Null
                ? payloadArray[i]
                : null;
            points.Add(new StoredPoint(ids[i], vector is { } v ? RawJson.Bytes(v) : null, Payload(payload)));
        }

        return points;
    }

    private static byte[]? Payload(JsonElement? payload) => payload switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => RawJson.Bytes(value),
        { } other => throw QdrantError.Format($"payload: invalid type: {RequestFields.Describe(other)}, expected a map"),
    };
}
