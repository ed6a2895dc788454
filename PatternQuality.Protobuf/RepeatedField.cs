namespace PatternQuality.Protobuf;

/// <summary>The encoded values of one length-delimited field of a message, in order, for <c>foreach</c>; other fields are passed over.</summary>
public readonly struct RepeatedField(ReadOnlyMemory<byte> message, int field)
{
    public Enumerator GetEnumerator() => new(message, field);

    public int Count()
    {
        var count = 0;
        foreach (var _ in this)
        {
            count++;
        }

        return count;
    }

    public struct Enumerator(ReadOnlyMemory<byte> message, int field)
    {
        private WireReader reader = new(message);

        public ReadOnlyMemory<byte> Current { get; private set; }

        public bool MoveNext()
        {
            while (reader.Next())
            {
                if (reader.Is(field, WireReader.LengthDelimited))
                {
                    Current = reader.ReadLengthDelimited();
                    return true;
                }

                reader.Skip();
            }

            return false;
        }
    }
}
