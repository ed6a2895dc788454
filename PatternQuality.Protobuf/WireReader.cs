using System.Buffers.Binary;

namespace PatternQuality.Protobuf;

/// <summary>
/// Protobuf's wire format read field by field, each length-delimited value a slice of the message. As in
/// Google.Protobuf's parsers, a known field met with another wire type is skipped as unknown.
/// </summary>
public struct WireReader(ReadOnlyMemory<byte> message)
{
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    private int position;

    public int Field { get; private set; }

    public int WireType { get; private set; }

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (position >= message.Length)
        {
            return false;
        }

        var tag = ReadVarint();
        Field = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        return Field > 0 ? true : throw Malformed("a field numbered 0");
    }

    public bool Is(int field, int wireType) => Field == field && WireType == wireType;

    public ulong ReadVarint()
    {
        var span = message.Span;
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw Malformed("a varint cut short");
            }

            var next = span[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw Malformed("a varint longer than 10 bytes");
    }

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4).Span);

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8).Span);

    public ReadOnlyMemory<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        return length <= (ulong)(message.Length - position) ? Take((int)length) : throw Malformed("a length past the end of the message");
    }

    public void Skip()
    {
        switch (WireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: Take(8); break;
            case LengthDelimited: ReadLengthDelimited(); break;
            case Fixed32: Take(4); break;
            default: throw Malformed($"wire type {WireType}");
        }
    }

    private ReadOnlyMemory<byte> Take(int count)
    {
        if (count > message.Length - position)
        {
            throw Malformed("a field cut short");
        }

        var taken = message.Slice(position, count);
        position += count;
        return taken;
    }

    private static MalformedMessageException Malformed(string what) => new(what);
}
