using System.Text;
using System.Text.Json;
using Google.Protobuf;
using PatternQuality.LocalQdrant.Grpc;
using PatternQuality.LocalQdrant.Storage;
using Client = Qdrant.Client.Grpc;

namespace PatternQuality.LocalQdrant.Tests.Grpc;

/// <summary>
/// An upserted point read from the wire as Qdrant.Client encodes it, including what its message types cannot say but
/// the wire can: a map key twice, floats one by one, a message cut short.
/// </summary>
public sealed class UpsertWireTests
{
    private static readonly Storage.VectorParams TwoDimensions = Parameters("""{"size":2,"distance":"Cosine"}""");

    [Fact]
    public void A_payload_key_given_twice_keeps_its_last_value_as_a_protobuf_map_does()
    {
        var first = new Client.PointStruct { Id = 1, Vectors = new[] { 1f, 0f } };
        first.Payload["a"] = 1;
        first.Payload["b"] = "kept";
        var second = new Client.PointStruct();
        second.Payload["a"] = new Client.Value { StructValue = new Client.Struct { Fields = { ["x"] = "last" } } };

        // Two encoded messages one after the other are one message, the second merged into the first.
        var stored = Stored([.. first.ToByteArray(), .. second.ToByteArray()], TwoDimensions);

        Assert.Equal("""{"b":"kept","a":{"x":"last"}}""", Encoding.UTF8.GetString(stored.Payload!));
        Assert.Equal("[1,0]", Encoding.UTF8.GetString(stored.Vector!));
    }

    [Fact]
    public void Floats_packed_one_by_one_or_in_dense_read_as_the_same_vector_and_dense_wins_over_data()
    {
        // The deprecated data field is what Qdrant.Client sends for a plain float[].
#pragma warning disable CS0612
        var packed = Vector(new Client.Vector { Data = { 0.5f, -2f } });
        var dense = Vector(new Client.Vector { Data = { 9f, 9f }, Dense = new Client.DenseVector { Data = { 0.5f, -2f } } });
#pragma warning restore CS0612
        // The deprecated data field, unpacked: a fixed32 tag (1 << 3 | 5) before each float.
        byte[] unpacked = [0x0D, .. BitConverter.GetBytes(0.5f), 0x0D, .. BitConverter.GetBytes(-2f)];

        foreach (var vector in new[] { packed, dense, unpacked })
        {
            var point = new Client.PointStruct { Id = 1 }.ToByteArray().Concat(Field(4, Field(1, vector))).ToArray();
            Assert.Equal("[0.5,-2]", Encoding.UTF8.GetString(Stored(point, TwoDimensions).Vector!));
        }
    }

    [Fact]
    public void Named_vectors_are_checked_by_name_and_size()
    {
        var named = Parameters("""{"text":{"size":2,"distance":"Dot"},"code":{"size":1,"distance":"Dot"}}""");
        var point = new Client.PointStruct
        {
            Id = 1,
            Vectors = new Dictionary<string, float[]> { ["text"] = [1f, 2f], ["code"] = [3f] },
        };
        var wrongSize = new Client.PointStruct { Id = 1, Vectors = new Dictionary<string, float[]> { ["code"] = [3f, 4f] } };
        var unknown = new Client.PointStruct { Id = 1, Vectors = new Dictionary<string, float[]> { ["image"] = [3f] } };

        Assert.Equal("""{"text":[1,2],"code":[3]}""", Encoding.UTF8.GetString(Stored(point.ToByteArray(), named).Vector!));
        Assert.Contains("expected dim: 1, got 2", Refusal(wrongSize.ToByteArray(), named));
        Assert.Contains("image", Refusal(unknown.ToByteArray(), named));
        Assert.Contains("one unnamed vector", Refusal(point.ToByteArray(), TwoDimensions));
    }

    [Fact]
    public void Sparse_vectors_non_finite_numbers_bad_text_and_deep_nesting_are_refused_naming_the_field()
    {
#pragma warning disable CS0612 // a sparse vector the old way: data with indices
        var sparse = new Client.PointStruct { Id = 1, Vectors = new Client.Vectors { Vector = new Client.Vector { Data = { 1f, 2f }, Indices = new Client.SparseIndices { Data = { 0, 1 } } } } };
#pragma warning restore CS0612
        var infinite = Point(new Client.Value { DoubleValue = double.PositiveInfinity });
        // A payload entry {key "bad", value {string_value: 0xFF}}: not UTF-8.
        byte[] badText = [.. new Client.PointStruct { Id = 1, Vectors = new[] { 1f, 0f } }.ToByteArray(), .. Field(3, [.. Field(1, "bad"u8.ToArray()), .. Field(2, Field(4, [0xFF]))])];
        var deep = new Client.Value { StringValue = "bottom" };
        for (var level = 0; level < 101; level++)
        {
            deep = new Client.Value { ListValue = new Client.ListValue { Values = { deep } } };
        }

        Assert.Contains("only dense vectors", Refusal(sparse.ToByteArray(), TwoDimensions));
        Assert.Contains("payload.field", Refusal(infinite, TwoDimensions));
        Assert.Contains("payload.bad: a string that is not UTF-8", Refusal(badText, TwoDimensions));
        Assert.Contains("nested more than 100 deep", Refusal(Point(deep), TwoDimensions));
    }

    [Fact]
    public void A_point_cut_short_is_a_malformed_message()
    {
        var point = new Client.PointStruct { Id = 1, Vectors = new[] { 1f, 0f } };
        point.Payload["text"] = "some words";
        var encoded = point.ToByteArray();

        for (var length = 1; length < encoded.Length; length++)
        {
            var cut = encoded[..length];
            var error = Record.Exception(() => Stored(cut, TwoDimensions));
            // Some prefixes are whole messages (a point without its payload); every other one is refused as malformed.
            if (error is not null)
            {
                Assert.IsType<QdrantError>(error);
            }
        }

        Assert.Equal("Bad request: malformed protobuf message: a length past the end of the message", Refusal(encoded[..^3], TwoDimensions));
    }

    private static byte[] Point(Client.Value value)
    {
        var point = new Client.PointStruct { Id = 1, Vectors = new[] { 1f, 0f } };
        point.Payload["field"] = value;
        return point.ToByteArray();
    }

    private static byte[] Vector(Client.Vector vector) => vector.ToByteArray();

    /// <summary>A length-delimited field: its tag, its length, its bytes.</summary>
    private static byte[] Field(int number, byte[] value)
    {
        var output = new MemoryStream();
        var coded = new CodedOutputStream(output);
        coded.WriteTag(number, WireFormat.WireType.LengthDelimited);
        coded.WriteBytes(ByteString.CopyFrom(value));
        coded.Flush();
        return output.ToArray();
    }

    private static StoredPoint Stored(byte[] point, Storage.VectorParams parameters)
    {
        using var scratch = new JsonScratch();
        return UpsertPointsWire.ToStored(point, parameters, scratch);
    }

    private static string Refusal(byte[] point, Storage.VectorParams parameters) =>
        Assert.IsType<QdrantError>(Record.Exception(() => Stored(point, parameters))).Message;

    private static Storage.VectorParams Parameters(string json) => Storage.VectorParams.Parse(JsonDocument.Parse(json).RootElement);
}
