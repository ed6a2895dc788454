using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;
using PatternQuality.LocalQdrant.Storage;
using PatternQuality.Protobuf;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>Dense vectors, unnamed or named, between gRPC's messages and the stored JSON.</summary>
public static class ProtoVectors
{
    // Vectors (points.proto): oneof vector 1 | NamedVectors 2; NamedVectors: map<string, Vector> 1; Vector: the deprecated
    // data 1 (packed floats), indices 2, and the oneof dense 101 (DenseVector: data 1), sparse 102, multi_dense 103,
    // document 104, image 105, object 106.
    private const int UnnamedField = 1, NamedField = 2, DataField = 1, IndicesField = 2, DenseField = 101, FirstOtherKind = 102, LastOtherKind = 106;

    /// <summary>
    /// An encoded <c>Vectors</c>, checked against the collection's <paramref name="parameters"/>, as the JSON REST would
    /// have been given (an array, or an object of named arrays); null when none. Read from the wire: parsing eight floats
    /// into a Vector message cost Google.Protobuf 9 µs a point, most of a batched upsert's time (dotnet-trace).
    /// </summary>
    public static byte[]? ToJson(ReadOnlyMemory<byte>? vectors, Storage.VectorParams parameters, JsonScratch scratch)
    {
        var (kind, message) = vectors is { } given ? LastOf(given, UnnamedField, NamedField) : (0, default);
        if (kind == 0)
        {
            parameters.CheckMissing();
            return null;
        }

        var writer = scratch.Begin();
        if (kind == UnnamedField)
        {
            var values = DenseValues(message, "vector", scratch.Floats());
            parameters.CheckUnnamed(values.Count);
            WriteDense(writer, values, "vector");
        }
        else
        {
            parameters.CheckNamedShape();
            var named = scratch.NamedVectors();
            var reader = new WireReader(message);
            while (reader.Next())
            {
                if (reader.Is(1, WireReader.LengthDelimited))
                {
                    ProtoPayload.Add(named, reader.ReadLengthDelimited());
                }
                else
                {
                    reader.Skip();
                }
            }

            writer.WriteStartObject();
            foreach (var (key, vector) in named.Where((entry, i) => !named.Skip(i + 1).Any(later => later.Key.Span.SequenceEqual(entry.Key.Span))))
            {
                var name = Utf8.IsValid(key.Span) ? System.Text.Encoding.UTF8.GetString(key.Span) : throw QdrantError.BadRequest("vectors: a name that is not UTF-8");
                var values = DenseValues(vector, name, scratch.Floats());
                parameters.CheckNamed(name, values.Count);
                writer.WritePropertyName(name);
                WriteDense(writer, values, name);
            }

            writer.WriteEndObject();
        }

        return scratch.End();
    }

    /// <summary>Stored vectors as Qdrant answers them: <c>dense</c>, and the deprecated <c>data</c> that older clients read.</summary>
    public static VectorsOutput ToOutput(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            return new VectorsOutput { Vector = Output(root) };
        }

        var named = new NamedVectorsOutput();
        foreach (var property in root.EnumerateObject())
        {
            named.Vectors[property.Name] = Output(property.Value);
        }

        return new VectorsOutput { Vectors = named };
    }

    private static VectorOutput Output(JsonElement array)
    {
        var values = array.EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var output = new VectorOutput { Dense = new DenseVector() };
        output.Dense.Data.Add(values);
        output.Data.Add(values);
        return output;
    }

    /// <summary>The floats of a dense <c>Vector</c>: its <c>dense</c> when set, else the deprecated <c>data</c>.</summary>
    private static List<float> DenseValues(ReadOnlyMemory<byte> vector, string name, List<float> values)
    {
        var hasIndices = false;
        var kind = 0;
        ReadOnlyMemory<byte> dense = default;
        var reader = new WireReader(vector);
        while (reader.Next())
        {
            if (reader.Field == IndicesField)
            {
                hasIndices = true;
                reader.Skip();
            }
            else if (reader.Is(DenseField, WireReader.LengthDelimited))
            {
                kind = DenseField;
                dense = reader.ReadLengthDelimited();
            }
            else if (reader.Field is >= FirstOtherKind and <= LastOtherKind)
            {
                kind = reader.Field;
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        return kind switch
        {
            DenseField => Floats(dense, values),
            0 when !hasIndices => Floats(vector, values),
            _ => throw QdrantError.WrongInput($"vector {name}: only dense vectors are supported by PatternQuality.LocalQdrant"),
        };
    }

    /// <summary>Field 1 of a message as floats, packed or one by one, as protobuf accepts either.</summary>
    private static List<float> Floats(ReadOnlyMemory<byte> message, List<float> values)
    {
        var reader = new WireReader(message);
        while (reader.Next())
        {
            if (reader.Is(DataField, WireReader.LengthDelimited))
            {
                var packed = reader.ReadLengthDelimited().Span;
                if (packed.Length % 4 != 0)
                {
                    throw QdrantError.BadRequest("malformed protobuf message: packed floats of a length not a multiple of 4");
                }

                for (var at = 0; at < packed.Length; at += 4)
                {
                    values.Add(BinaryPrimitives.ReadSingleLittleEndian(packed[at..]));
                }
            }
            else if (reader.Is(DataField, WireReader.Fixed32))
            {
                values.Add(reader.ReadSingle());
            }
            else
            {
                reader.Skip();
            }
        }

        return values;
    }

    /// <summary>The last of the given oneof fields in a message, and its value.</summary>
    private static (int Field, ReadOnlyMemory<byte> Value) LastOf(ReadOnlyMemory<byte> message, int first, int second)
    {
        var last = (0, default(ReadOnlyMemory<byte>));
        var reader = new WireReader(message);
        while (reader.Next())
        {
            if (reader.Is(first, WireReader.LengthDelimited) || reader.Is(second, WireReader.LengthDelimited))
            {
                last = (reader.Field, reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip();
            }
        }

        return last;
    }

    private static void WriteDense(Utf8JsonWriter writer, List<float> values, string name)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                throw QdrantError.Format($"vector {name}: {value} is not a finite number");
            }

            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
