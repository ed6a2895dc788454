using System.Buffers.Binary;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// Protobuf's wire format written into one growing buffer. A nested message is written in place and its
/// length inserted in front of it when it ends, so nothing is measured twice.
/// </summary>
public sealed class WireWriter
{
    private const int LengthDelimited = 2;
    private byte[] buffer = new byte[64 * 1024];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, Length);

    public void Tag(int field, int wireType) => Varint((uint)(field << 3 | wireType));

    public void Varint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[Length++] = (byte)value;
    }

    public void Double(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(Length), value);
        Length += 8;
    }

    public void LengthDelimitedField(int field, ReadOnlySpan<byte> bytes)
    {
        Tag(field, LengthDelimited);
        Varint((uint)bytes.Length);
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Room for up to <paramref name="size"/> bytes, to be given back with <see cref="Advance"/>.</summary>
    public Span<byte> Free(int size)
    {
        Ensure(size);
        return buffer.AsSpan(Length, size);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Starts a length-delimited field; <see cref="End"/> with the value returned closes it.</summary>
    public int Begin(int field)
    {
        Tag(field, LengthDelimited);
        return Length;
    }

    public void End(int start)
    {
        var length = Length - start;
        var prefix = VarintSize((uint)length);
        Ensure(prefix);
        buffer.AsSpan(start, length).CopyTo(buffer.AsSpan(start + prefix));
        var value = (uint)length;
        var at = start;
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[at] = (byte)value;
        Length += prefix;
    }

    private static int VarintSize(uint value) => value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;

    private void Ensure(int more)
    {
        if (Length + more > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Length + more));
        }
    }
}
