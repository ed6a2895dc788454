using System.Text;
using System.Text.Json;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Protobuf;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// Payload values as read from a gRPC answer, in the JSON kinds Qdrant maps them to (integers and doubles are numbers),
/// for the mapping rules of <see cref="PayloadFields"/>. A struct is a protobuf map: where a key repeats, its last entry counts.
/// </summary>
public readonly struct WirePayloadValues : IPayloadValues<PayloadValue>
{
    // Beyond this many keys a struct's distinct keys are counted in a set rather than pairwise.
    private const int PairwiseKeys = 16;

    // Every name the rules read is far shorter; a longer key is none of them.
    private const int LongestKeyRead = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a payload's entries into <paramref name="fields"/>; a key that cannot be a field the rules read is passed over unread.</summary>
    public static void Read(ref PayloadFields fields, ReadOnlyMemory<byte> entry)
    {
        var (key, value) = MapEntry.Read(entry);
        Span<char> name = stackalloc char[LongestKeyRead];
        if (key.Length <= name.Length)
        {
            var length = Text(key.Span, name);
            fields.Read<PayloadValue, WirePayloadValues>(name[..length], PayloadValue.Read(value));
        }
    }

    public static JsonValueKind Kind(PayloadValue value) => value.Kind switch
    {
        PayloadValueKind.String => JsonValueKind.String,
        PayloadValueKind.Integer or PayloadValueKind.Double => JsonValueKind.Number,
        PayloadValueKind.Bool => value.Bool ? JsonValueKind.True : JsonValueKind.False,
        PayloadValueKind.Struct => JsonValueKind.Object,
        PayloadValueKind.List => JsonValueKind.Array,
        PayloadValueKind.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    public static FieldValue Scalar(PayloadValue value) => value.Kind switch
    {
        PayloadValueKind.String => new FieldValue(JsonValueKind.String, Text(value.Bytes.Span)),
        PayloadValueKind.Integer => new FieldValue(JsonValueKind.Number, Number: value.Integer),
        PayloadValueKind.Double when double.IsFinite(value.Double) => new FieldValue(JsonValueKind.Number, Number: value.Double),
        PayloadValueKind.Double => new FieldValue(JsonValueKind.Number, NumberFits: false),
        _ => new FieldValue(Kind(value)),
    };

    public static int Items(PayloadValue value) => value.Kind == PayloadValueKind.List ? value.Items.Count() : 0;

    public static PayloadValue FirstItem(PayloadValue array)
    {
        foreach (var item in array.Items)
        {
            return PayloadValue.Read(item);
        }

        return default;
    }

    public static int Keys(PayloadValue value)
    {
        if (value.Kind != PayloadValueKind.Struct)
        {
            return 0;
        }

        var entries = value.Items.Count();
        if (entries > PairwiseKeys)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in value.Items)
            {
                keys.Add(Text(MapEntry.Read(entry).Key.Span));
            }

            return keys.Count;
        }

        var distinct = 0;
        var index = 0;
        foreach (var entry in value.Items)
        {
            distinct += IsLastOfItsKey(value, MapEntry.Read(entry).Key.Span, index++) ? 1 : 0;
        }

        return distinct;
    }

    public static string? StringProperty(PayloadValue value, string key)
    {
        if (value.Kind != PayloadValueKind.Struct)
        {
            return null;
        }

        Span<byte> wanted = stackalloc byte[Encoding.UTF8.GetMaxByteCount(LongestKeyRead)];
        if (Encoding.UTF8.GetMaxByteCount(key.Length) > wanted.Length)
        {
            throw new ArgumentException($"a key longer than {LongestKeyRead} characters", nameof(key));
        }

        wanted = wanted[..Encoding.UTF8.GetBytes(key, wanted)];
        PayloadValue? last = null;
        foreach (var entry in value.Items)
        {
            var (name, found) = MapEntry.Read(entry);
            if (name.Span.SequenceEqual(wanted))
            {
                last = PayloadValue.Read(found);
            }
        }

        return last is { Kind: PayloadValueKind.String } text ? Text(text.Bytes.Span) : null;
    }

    /// <summary>A string as Google.Protobuf reads one: bytes that are not UTF-8 make the message malformed.</summary>
    public static string Text(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }

    private static int Text(ReadOnlySpan<byte> utf8, Span<char> chars)
    {
        try
        {
            return StrictUtf8.GetChars(utf8, chars);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }

    private static MalformedMessageException NotUtf8() => new("a string that is not UTF-8");

    private static bool IsLastOfItsKey(PayloadValue value, ReadOnlySpan<byte> key, int index)
    {
        var position = 0;
        foreach (var entry in value.Items)
        {
            if (position++ > index && MapEntry.Read(entry).Key.Span.SequenceEqual(key))
            {
                return false;
            }
        }

        return true;
    }
}
