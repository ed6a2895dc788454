using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Google.Protobuf;
using Grpc.Core;
using PatternQuality.Protobuf;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// An <c>UpsertPoints</c> request kept as it arrived and read by the store itself, so that each payload goes from the
/// wire to stored JSON without becoming Value messages (<see cref="ProtoPayload"/>). Field numbers are those of the
/// generated <see cref="UpsertPoints"/> and <see cref="PointStruct"/>, which the contract tests hold to Qdrant's.
/// </summary>
/// <remarks>
/// The request is copied into a pooled buffer, given back by <see cref="Dispose"/>: a new array for each batch went to
/// the large object heap and set off a full collection every few batches (dotnet-trace, 1,000-point batches).
/// </remarks>
public sealed class UpsertPointsWire : IDisposable
{
    private readonly byte[] buffer;

    private UpsertPointsWire(DeserializationContext context)
    {
        buffer = ArrayPool<byte>.Shared.Rent(context.PayloadLength);
        context.PayloadAsReadOnlySequence().CopyTo(buffer);
        Message = buffer.AsMemory(0, context.PayloadLength);
    }

    public static Marshaller<UpsertPointsWire> Marshaller { get; } = Marshallers.Create(
        (UpsertPointsWire request, SerializationContext context) => context.Complete(request.Message.ToArray()),
        (DeserializationContext context) => new UpsertPointsWire(context));

    public ReadOnlyMemory<byte> Message { get; }

    /// <summary>The collection, <c>wait</c>, and each point's encoded <c>PointStruct</c>.</summary>
    public (string Collection, bool Wait, List<ReadOnlyMemory<byte>> Points) Read() => Refusing(ReadFields);

    /// <summary>One encoded <c>PointStruct</c> as the store keeps it, its vectors checked against the collection's.</summary>
    public static StoredPoint ToStored(ReadOnlyMemory<byte> point, Storage.VectorParams parameters, JsonScratch scratch) =>
        Refusing(() => ReadPoint(point, parameters, scratch));

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);

    /// <summary>Bytes that are no message are a bad request, as Qdrant answers them.</summary>
    private static T Refusing<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (MalformedMessageException error)
        {
            throw QdrantError.BadRequest($"malformed protobuf message: {error.Message}");
        }
    }

    private (string Collection, bool Wait, List<ReadOnlyMemory<byte>> Points) ReadFields()
    {
        var collection = "";
        var wait = false;
        var points = new List<ReadOnlyMemory<byte>>();
        var reader = new WireReader(Message);
        while (reader.Next())
        {
            if (reader.Is(UpsertPoints.CollectionNameFieldNumber, WireReader.LengthDelimited))
            {
                var name = reader.ReadLengthDelimited().Span;
                collection = Utf8.IsValid(name) ? Encoding.UTF8.GetString(name) : throw QdrantError.BadRequest("collection_name: not UTF-8");
            }
            else if (reader.Is(UpsertPoints.WaitFieldNumber, WireReader.Varint))
            {
                wait = reader.ReadVarint() != 0;
            }
            else if (reader.Is(UpsertPoints.PointsFieldNumber, WireReader.LengthDelimited))
            {
                points.Add(reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip();
            }
        }

        return (collection, wait, points);
    }

    private static StoredPoint ReadPoint(ReadOnlyMemory<byte> point, Storage.VectorParams parameters, JsonScratch scratch)
    {
        PointId? id = null;
        ReadOnlyMemory<byte>? vectors = null;
        var payload = scratch.Fields(0);
        var reader = new WireReader(point);
        while (reader.Next())
        {
            if (reader.Is(PointStruct.IdFieldNumber, WireReader.LengthDelimited))
            {
                Merge(id ??= new PointId(), reader.ReadLengthDelimited());
            }
            else if (reader.Is(PointStruct.PayloadFieldNumber, WireReader.LengthDelimited))
            {
                ProtoPayload.Add(payload, reader.ReadLengthDelimited());
            }
            else if (reader.Is(PointStruct.VectorsFieldNumber, WireReader.LengthDelimited))
            {
                vectors = reader.ReadLengthDelimited();
            }
            else
            {
                reader.Skip();
            }
        }

        var stored = ProtoPointIds.ToStored(id);
        var vector = ProtoVectors.ToJson(vectors, parameters, scratch);
        return new StoredPoint(stored, vector, ProtoPayload.ToJson(payload, scratch));
    }

    /// <summary>A repeated message field merges into one, as protobuf's parsers do.</summary>
    private static void Merge(IMessage message, ReadOnlyMemory<byte> encoded)
    {
        try
        {
            message.MergeFrom(encoded.Span);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw QdrantError.BadRequest($"malformed protobuf message: {error.Message}");
        }
    }
}
