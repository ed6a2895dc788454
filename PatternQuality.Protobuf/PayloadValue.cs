namespace PatternQuality.Protobuf;

/// <summary>Which field of the <c>kind</c> oneof of Qdrant's payload Value a value holds; the numbers are the fields' (json_with_int.proto).</summary>
public enum PayloadValueKind
{
    None = 0,
    Null = 1,
    Double = 2,
    Integer = 3,
    String = 4,
    Bool = 5,
    Struct = 6,
    List = 7,
}

/// <summary>
/// A payload value (Qdrant's <c>Value</c>) as read from the wire, without building it: the last of its oneof
/// fields wins, as protobuf's parsers do. A string, struct or list is a slice of the message;
/// a struct's entries (<see cref="MapEntry"/>) and a list's values are field 1 of theirs.
/// </summary>
public readonly record struct PayloadValue(PayloadValueKind Kind, ulong Varint, double Double, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>Struct's <c>fields</c> and ListValue's <c>values</c>.</summary>
    public const int ItemsField = 1;

    public long Integer => (long)Varint;

    public bool Bool => Varint != 0;

    public static PayloadValue Read(ReadOnlyMemory<byte> message)
    {
        var value = default(PayloadValue);
        var reader = new WireReader(message);
        while (reader.Next())
        {
            var kind = (PayloadValueKind)reader.Field;
            value = (kind, reader.WireType) switch
            {
                (PayloadValueKind.Null or PayloadValueKind.Integer or PayloadValueKind.Bool, WireReader.Varint) => new(kind, reader.ReadVarint(), 0, default),
                (PayloadValueKind.Double, WireReader.Fixed64) => new(kind, 0, reader.ReadDouble(), default),
                (PayloadValueKind.String or PayloadValueKind.Struct or PayloadValueKind.List, WireReader.LengthDelimited) => new(kind, 0, 0, reader.ReadLengthDelimited()),
                _ => Skipped(ref reader, value),
            };
        }

        return value;
    }

    /// <summary>A struct's entries or a list's values, each encoded; nothing for any other value.</summary>
    public RepeatedField Items => new(Kind is PayloadValueKind.Struct or PayloadValueKind.List ? Bytes : default, ItemsField);

    private static PayloadValue Skipped(ref WireReader reader, PayloadValue value)
    {
        reader.Skip();
        return value;
    }
}
