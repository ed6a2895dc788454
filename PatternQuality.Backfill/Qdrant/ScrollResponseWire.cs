using System.Buffers;
using Grpc.Core;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Contracts.Qdrant;
using PatternQuality.Protobuf;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// A <c>ScrollResponse</c> read from the wire straight into a <see cref="ScrollPage"/>: each payload goes into the fields
/// the mapping reads without becoming Value messages, and only those fields' strings are made. Building Qdrant.Client's
/// messages first was most of the backfill's garbage and a large share of its CPU (perf, 100,000 demo patterns).
/// Field numbers are those of Qdrant.Client's generated messages. As Google.Protobuf does, a string read that is not
/// UTF-8 refuses the answer; the strings of fields the mapping does not read are passed over unchecked.
/// </summary>
public static class ScrollResponseWire
{
    public static Marshaller<ScrollPage> Marshaller { get; } = Marshallers.Create(
        (ScrollPage _, SerializationContext _) => throw new NotSupportedException("a scroll page is only ever read"),
        Deserialize);

    public static ScrollPage Read(ReadOnlyMemory<byte> message)
    {
        var points = new List<ScrolledPoint>();
        string? next = null;
        var reader = new WireReader(message);
        while (reader.Next())
        {
            if (reader.Is(ScrollResponse.ResultFieldNumber, WireReader.LengthDelimited))
            {
                points.Add(ReadPoint(reader.ReadLengthDelimited()));
            }
            else if (reader.Is(ScrollResponse.NextPageOffsetFieldNumber, WireReader.LengthDelimited))
            {
                next = ReadId(reader.ReadLengthDelimited(), default).Json;
            }
            else
            {
                reader.Skip();
            }
        }

        return new ScrollPage(points, next);
    }

    private static ScrollPage Deserialize(DeserializationContext context)
    {
        var message = context.PayloadAsReadOnlySequence();
        if (message.IsSingleSegment)
        {
            return Read(message.First);
        }

        var copy = ArrayPool<byte>.Shared.Rent((int)message.Length);
        try
        {
            message.CopyTo(copy);
            return Read(copy.AsMemory(0, (int)message.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static ScrolledPoint ReadPoint(ReadOnlyMemory<byte> point)
    {
        var id = default(WireId);
        var payload = new PayloadFields();
        var reader = new WireReader(point);
        while (reader.Next())
        {
            if (reader.Is(RetrievedPoint.IdFieldNumber, WireReader.LengthDelimited))
            {
                // A message field given twice merges into one, as protobuf's parsers do.
                id = ReadId(reader.ReadLengthDelimited(), id);
            }
            else if (reader.Is(RetrievedPoint.PayloadFieldNumber, WireReader.LengthDelimited))
            {
                WirePayloadValues.Read(ref payload, reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip();
            }
        }

        return new ScrolledPoint(id.Json, id.PatternId, payload);
    }

    private static WireId ReadId(ReadOnlyMemory<byte> message, WireId merged)
    {
        var reader = new WireReader(message);
        while (reader.Next())
        {
            if (reader.Is(PointId.NumFieldNumber, WireReader.Varint))
            {
                merged = WireId.Of(reader.ReadVarint());
            }
            else if (reader.Is(PointId.UuidFieldNumber, WireReader.LengthDelimited))
            {
                merged = WireId.Of(WirePayloadValues.Text(reader.ReadLengthDelimited().Span));
            }
            else
            {
                reader.Skip();
            }
        }

        return merged;
    }

    /// <summary>A point id as the journal keeps it and the pattern it maps to; no id at all reads as an empty UUID, which maps to none.</summary>
    private readonly record struct WireId(string? JsonOrNull, Guid? PatternId)
    {
        public string Json => JsonOrNull ?? PointIdJson.Uuid("");

        public static WireId Of(ulong number) => new(PointIdJson.Number(number), PointPatternId.FromInteger(number));

        public static WireId Of(string uuid) => new(PointIdJson.Uuid(uuid), PointUuid.TryParse(uuid, out var parsed) ? parsed : null);
    }
}
