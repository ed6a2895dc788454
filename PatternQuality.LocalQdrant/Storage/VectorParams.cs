using System.Text.Json;

namespace PatternQuality.LocalQdrant.Storage;

/// <summary>
/// A collection's vector configuration: one unnamed vector (<c>{"size":N,"distance":"Cosine"}</c>)
/// or a map of named ones. Kept as the JSON it was given, with the sizes to check upserts against.
/// </summary>
public sealed class VectorParams
{
    private static readonly string[] Distances = ["Cosine", "Euclid", "Dot", "Manhattan"];

    private VectorParams(byte[] json, int? unnamedSize, IReadOnlyDictionary<string, int> namedSizes)
    {
        Json = json;
        UnnamedSize = unnamedSize;
        NamedSizes = namedSizes;
    }

    /// <summary>A collection created without dense vectors.</summary>
    public static VectorParams None { get; } = new("{}"u8.ToArray(), null, new Dictionary<string, int>());

    public byte[] Json { get; }
    public int? UnnamedSize { get; }
    public IReadOnlyDictionary<string, int> NamedSizes { get; }

    public static VectorParams Parse(JsonElement vectors)
    {
        if (vectors.ValueKind != JsonValueKind.Object)
        {
            throw QdrantError.Format("vectors: expected an object with size and distance, or a map of named vectors");
        }

        if (vectors.TryGetProperty("size", out _))
        {
            return new VectorParams(RawJson.Bytes(vectors), SizeOf("vectors", vectors), new Dictionary<string, int>());
        }

        var named = new Dictionary<string, int>();
        foreach (var property in vectors.EnumerateObject())
        {
            named[property.Name] = SizeOf($"vectors.{property.Name}", property.Value);
        }

        return new VectorParams(RawJson.Bytes(vectors), null, named);
    }

    /// <summary>Checks a point's vector against the configuration, as Qdrant does on upsert.</summary>
    public void Check(JsonElement? given)
    {
        if (given is not { } vector)
        {
            if (UnnamedSize is not null || NamedSizes.Count > 0)
            {
                throw QdrantError.Format("missing field `vector`");
            }

            return;
        }

        if (UnnamedSize is { } size)
        {
            if (vector.ValueKind != JsonValueKind.Array)
            {
                throw QdrantError.WrongInput("Not existing vector name error: the collection has one unnamed vector");
            }

            CheckDimension(vector, size);
            return;
        }

        if (vector.ValueKind != JsonValueKind.Object)
        {
            throw QdrantError.WrongInput("Not existing vector name error: the collection has named vectors");
        }

        foreach (var property in vector.EnumerateObject())
        {
            if (!NamedSizes.TryGetValue(property.Name, out var namedSize))
            {
                throw QdrantError.WrongInput($"Not existing vector name error: {property.Name}");
            }

            CheckDimension(property.Value, namedSize);
        }
    }

    private static void CheckDimension(JsonElement vector, int expected)
    {
        if (vector.ValueKind != JsonValueKind.Array || vector.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
        {
            throw QdrantError.Format("vector: expected an array of numbers");
        }

        var actual = vector.GetArrayLength();
        if (actual != expected)
        {
            throw QdrantError.WrongInput($"Vector dimension error: expected dim: {expected}, got {actual}");
        }
    }

    private static int SizeOf(string path, JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("size", out var size) || !size.TryGetInt32(out var value))
        {
            throw QdrantError.Format($"{path}: missing field `size`");
        }

        if (value < 1 || value > 65_536)
        {
            throw QdrantError.Validation($"{path}.size: value {value} invalid, must be from 1 to 65536");
        }

        if (!parameters.TryGetProperty("distance", out var distance) || distance.ValueKind != JsonValueKind.String
            || !Distances.Contains(distance.GetString()))
        {
            throw QdrantError.Format($"{path}: missing or unknown `distance` (one of Cosine, Euclid, Dot, Manhattan)");
        }

        return value;
    }
}
