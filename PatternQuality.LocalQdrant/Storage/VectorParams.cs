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

    /// <summary>Checks a point's vector, as REST gives it, against the configuration, as Qdrant does on upsert.</summary>
    public void Check(JsonElement? given)
    {
        if (given is not { } vector)
        {
            CheckMissing();
            return;
        }

        if (UnnamedSize is not null)
        {
            CheckUnnamed(vector.ValueKind == JsonValueKind.Array ? DimensionOf(vector) : throw NotUnnamed());
            return;
        }

        if (vector.ValueKind != JsonValueKind.Object)
        {
            throw NotNamed();
        }

        foreach (var property in vector.EnumerateObject())
        {
            CheckNamed(property.Name, DimensionOf(property.Value));
        }
    }

    /// <summary>A point given without a vector.</summary>
    public void CheckMissing()
    {
        if (UnnamedSize is not null || NamedSizes.Count > 0)
        {
            throw QdrantError.Format("missing field `vector`");
        }
    }

    /// <summary>A point given one unnamed vector of <paramref name="dimension"/> numbers.</summary>
    public void CheckUnnamed(int dimension)
    {
        CheckDimension(dimension, UnnamedSize ?? throw NotNamed());
    }

    /// <summary>A point given named vectors, before each is checked with <see cref="CheckNamed"/>.</summary>
    public void CheckNamedShape()
    {
        if (UnnamedSize is not null)
        {
            throw NotUnnamed();
        }
    }

    public void CheckNamed(string name, int dimension)
    {
        CheckNamedShape();
        CheckDimension(dimension, NamedSizes.TryGetValue(name, out var size)
            ? size
            : throw QdrantError.WrongInput($"Not existing vector name error: {name}"));
    }

    private static Exception NotUnnamed() => QdrantError.WrongInput("Not existing vector name error: the collection has one unnamed vector");

    private static Exception NotNamed() => QdrantError.WrongInput("Not existing vector name error: the collection has named vectors");

    private static int DimensionOf(JsonElement vector)
    {
        if (vector.ValueKind != JsonValueKind.Array || vector.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
        {
            throw QdrantError.Format("vector: expected an array of numbers");
        }

        return vector.GetArrayLength();
    }

    private static void CheckDimension(int actual, int expected)
    {
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
