using System.Buffers;
using System.Text.Json;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>Dense vectors, unnamed or named, between gRPC's messages and the stored JSON.</summary>
public static class ProtoVectors
{
    /// <summary>The vectors as the JSON REST would have been given (an array, or an object of named arrays); null when none.</summary>
    public static byte[]? ToJson(Vectors? vectors)
    {
        if (vectors is null || vectors.VectorsOptionsCase == Vectors.VectorsOptionsOneofCase.None)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (vectors.VectorsOptionsCase == Vectors.VectorsOptionsOneofCase.Vector)
            {
                WriteDense(writer, vectors.Vector, "vector");
            }
            else
            {
                writer.WriteStartObject();
                foreach (var (name, vector) in vectors.Vectors_.Vectors)
                {
                    writer.WritePropertyName(name);
                    WriteDense(writer, vector, name);
                }

                writer.WriteEndObject();
            }
        }

        return buffer.WrittenSpan.ToArray();
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

    private static void WriteDense(Utf8JsonWriter writer, Vector vector, string name)
    {
        var values = vector.VectorCase switch
        {
            Vector.VectorOneofCase.Dense => vector.Dense.Data,
            Vector.VectorOneofCase.None when vector.Indices is null => vector.Data,
            _ => throw QdrantError.WrongInput($"vector {name}: only dense vectors are supported by PatternQuality.LocalQdrant"),
        };
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
