namespace PatternQuality.Protobuf;

/// <summary>An entry of a protobuf map, which the wire carries as a message of key (field 1) and value (field 2).</summary>
public readonly record struct MapEntry(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)
{
    public static MapEntry Read(ReadOnlyMemory<byte> entry)
    {
        var reader = new WireReader(entry);
        ReadOnlyMemory<byte> key = default, value = default;
        while (reader.Next())
        {
            if (reader.Is(1, WireReader.LengthDelimited))
            {
                key = reader.ReadLengthDelimited();
            }
            else if (reader.Is(2, WireReader.LengthDelimited))
            {
                value = reader.ReadLengthDelimited();
            }
            else
            {
                reader.Skip();
            }
        }

        return new MapEntry(key, value);
    }
}
