using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PatternQuality.Contracts.Qdrant;

namespace PatternQuality.Backfill.Scoring;

/// <summary>Pattern ids derived from Qdrant point ids (SCORING.md, "Mapping a Qdrant point").</summary>
public static class PatternIds
{
    private static readonly Guid IntegerIdNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>
    /// The pattern id of a point id as Qdrant accepts it: a UUID in any of its spellings, or an
    /// unsigned 64-bit integer mapped to a UUIDv5. False for anything Qdrant would refuse.
    /// </summary>
    public static bool TryGetPatternId(JsonElement pointId, out Guid patternId)
    {
        patternId = default;
        switch (pointId.ValueKind)
        {
            case JsonValueKind.Number when pointId.TryGetUInt64(out var number):
                patternId = FromInteger(number);
                return true;
            case JsonValueKind.String:
                return PointUuid.TryParse(pointId.GetString()!, out patternId);
            default:
                return false;
        }
    }

    public static Guid FromInteger(ulong pointId) =>
        Version5(IntegerIdNamespace, $"qdrant-pattern-{pointId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>RFC 4122 name-based UUID (SHA-1).</summary>
    public static Guid Version5(Guid namespaceId, string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetByteCount(name)];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
