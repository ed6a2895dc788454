using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PatternQuality.Contracts.Qdrant;

/// <summary>
/// The pattern id a Qdrant point is scored under (SCORING.md, "Mapping a Qdrant point"): a UUID point id is the pattern id,
/// an integer one maps to a UUIDv5. The backfill writes scores under it; the API finds them by point the same way.
/// </summary>
public static class PointPatternId
{
    private static readonly Guid IntegerIdNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

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
