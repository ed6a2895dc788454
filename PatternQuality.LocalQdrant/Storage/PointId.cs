using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using PatternQuality.Contracts.Qdrant;

namespace PatternQuality.LocalQdrant.Storage;

/// <summary>
/// A Qdrant point id: an unsigned 64-bit integer or a UUID. Every integer sorts before every
/// UUID; UUIDs sort by their 16 bytes, which is the order of their lower-case hyphenated text.
/// </summary>
public readonly record struct PointId : IComparable<PointId>
{
    private readonly ulong high;
    private readonly ulong low;

    private PointId(bool isUuid, ulong high, ulong low)
    {
        IsUuid = isUuid;
        this.high = high;
        this.low = low;
    }

    public bool IsUuid { get; }

    public static readonly PointId Min = new(false, 0, 0);

    public static readonly PointId Max = new(true, ulong.MaxValue, ulong.MaxValue);

    public static PointId FromNumber(ulong number) => new(false, 0, number);

    public static PointId FromUuid(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return new PointId(true, BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>What Qdrant accepts: a non-negative integer below 2^64, or a UUID hyphenated, simple, braced or as a URN.</summary>
    public static bool TryParse(JsonElement element, out PointId id)
    {
        id = default;
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetUInt64(out var number):
                id = FromNumber(number);
                return true;
            case JsonValueKind.String when PointUuid.TryParse(element.GetString()!, out var uuid):
                id = FromUuid(uuid);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A UUID given as text, in any of the forms Qdrant accepts.</summary>
    public static bool TryParseUuid(string text, out PointId id)
    {
        id = PointUuid.TryParse(text, out var uuid) ? FromUuid(uuid) : default;
        return id.IsUuid;
    }

    /// <summary>The integer of an integer id.</summary>
    public ulong Number => IsUuid ? throw new InvalidOperationException("a UUID point id has no number") : low;

    public int CompareTo(PointId other)
    {
        if (IsUuid != other.IsUuid)
        {
            return IsUuid ? 1 : -1;
        }

        var byHigh = high.CompareTo(other.high);
        return byHigh != 0 ? byHigh : low.CompareTo(other.low);
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (IsUuid)
        {
            writer.WriteStringValue(ToString());
        }
        else
        {
            writer.WriteNumberValue(low);
        }
    }

    public override string ToString()
    {
        if (!IsUuid)
        {
            return low.ToString(CultureInfo.InvariantCulture);
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
