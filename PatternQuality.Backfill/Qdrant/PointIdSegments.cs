using System.Buffers.Binary;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>A range of point ids, [Start, End), as JSON ids; null ends are open.</summary>
public readonly record struct PointIdRange(string? StartJson, string? EndJson);

/// <summary>
/// Splits a collection's id space into segments that can be scrolled side by side. Qdrant
/// orders every integer id before every UUID and UUIDs by their bytes, and an offset need
/// not exist, so the boundaries are UUIDs spread evenly over the first 64 bits: the first
/// segment also holds all integer ids.
/// </summary>
public static class PointIdSegments
{
    public static IReadOnlyList<PointIdRange> Split(int count)
    {
        var boundaries = Enumerable.Range(1, count - 1)
            .Select(k => Boundary((ulong)((UInt128)k * ((UInt128)ulong.MaxValue + 1) / (UInt128)count)))
            .ToList();
        return Enumerable.Range(0, count)
            .Select(i => new PointIdRange(i == 0 ? null : boundaries[i - 1], i == count - 1 ? null : boundaries[i]))
            .ToList();
    }

    /// <summary>Whether a point id (as JSON) sorts before a segment's end (a quoted UUID, or null for none).</summary>
    public static bool IsBefore(string pointIdJson, string? endJson)
    {
        if (endJson is null || !pointIdJson.StartsWith('"'))
        {
            return true;
        }

        return !Guid.TryParse(pointIdJson.AsSpan(1, pointIdJson.Length - 2), out var id)
            || Compare(id, Guid.Parse(endJson.AsSpan(1, endJson.Length - 2))) < 0;
    }

    private static string Boundary(ulong high)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
        return $"\"{new Guid(bytes, bigEndian: true):D}\"";
    }

    private static int Compare(Guid left, Guid right)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        left.TryWriteBytes(a, bigEndian: true, out _);
        right.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }
}
