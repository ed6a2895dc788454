using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Protobuf;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Tests.Qdrant;

/// <summary>
/// A scroll answer read from the wire (<see cref="ScrollResponseWire"/>) maps as Google.Protobuf's parse of the same bytes,
/// turned into JSON and mapped by the JSON rules: the oracle for protobuf's semantics (a repeated key, a oneof given twice,
/// a message field given twice, unknown fields) is the library's parser, not this reader.
/// </summary>
public sealed class ScrollResponseWireTests
{
    public static TheoryData<string, byte[]> Answers() => new()
    {
        { "generated", Answer(Point(7, ("pattern_name", Text("EffectNode")), ("code", Text("async def execute_effect(self):\n    pass")), ("confidence", new Value { DoubleValue = 0.5 }))) },
        { "nested values", Answer(Point(8,
            ("metadata", Struct(("complexity", Text("High")), ("n", new Value { IntegerValue = -3 }), ("b", new Value { BoolValue = true }))),
            ("node_types", List(Text("compute"), new Value { NullValue = NullValue.NullValue })),
            ("use_cases", List(Text("a"), List(), Struct())), ("examples", List()), ("pattern_confidence", new Value { IntegerValue = 1 }))) },
        { "uuid id and a next offset", Answer(Point("0f3c2a9e-5b1d-4c7e-9a8b-1234567890ab", ("text", Text("t")))) .Concat(Field(ScrollResponse.NextPageOffsetFieldNumber, new PointId { Num = 9 }.ToByteArray())).ToArray() },
        { "a payload key given twice", Answer(Point(1, ("code", Text("first")))).Concat(
            Field(ScrollResponse.ResultFieldNumber, Field(RetrievedPoint.IdFieldNumber, new PointId { Num = 2 }.ToByteArray())
                .Concat(Entry("code", Text("x = 1"))).Concat(Entry("code", Text("if a:\n  b"))).ToArray())).ToArray() },
        { "a metadata key given twice", Answer(PointBytes(3, Entry("metadata", (Field(Value.StructValueFieldNumber,
            StructEntry("complexity", Text("low")).Concat(StructEntry("a", Text("1"))).Concat(StructEntry("complexity", new Value { IntegerValue = 5 }))
                .Concat(StructEntry("b", Text("2"))).Concat(StructEntry("a", Text("3"))).Concat(StructEntry("c", Text("4"))).ToArray()))))) },
        { "a metadata of many keys, some given twice", Answer(PointBytes(12, Entry("metadata", Field(Value.StructValueFieldNumber,
            Enumerable.Range(0, 40).SelectMany(i => StructEntry($"k{i % 23}", Text($"{i}"))).Concat(StructEntry("complexity", Text("medium"))).ToArray())))) },
        { "a value holding two kinds", Answer(PointBytes(4, Entry("confidence", (
            Field(Value.StringValueFieldNumber, "high"u8.ToArray()).Concat(Tag(Value.DoubleValueFieldNumber, 1)).Concat(BitConverter.GetBytes(0.25)).ToArray())))) },
        { "an id given twice", Answer(Field(RetrievedPoint.IdFieldNumber, new PointId { Num = 5 }.ToByteArray())
            .Concat(Field(RetrievedPoint.IdFieldNumber, new PointId { Uuid = "{0F3C2A9E-5B1D-4C7E-9A8B-1234567890AB}" }.ToByteArray())).ToArray()) },
        { "no id", Answer(Entry("text", Text("no id"))) },
        { "unknown fields", Answer(PointBytes(6, Entry("text", Text("t")).Concat(Tag(99, 0)).Concat(new byte[] { 42 }).Concat(Field(98, [1, 2, 3])).ToArray()))
            .Concat(Tag(ScrollResponse.TimeFieldNumber, 1)).Concat(BitConverter.GetBytes(0.5)).ToArray() },
        { "not UTF-8", Answer(Point(10, ("code", new Value { StringValue = "ok" }))).Concat(Answer(PointBytes(11, Entry("code", (Field(Value.StringValueFieldNumber, [0x61, 0xFF, 0x62])))))).ToArray() },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void An_answer_read_from_the_wire_maps_as_the_parsed_answer_does(string answer, byte[] encoded)
    {
        ScrollResponse parsed;
        try
        {
            parsed = ScrollResponse.Parser.ParseFrom(encoded);
        }
        catch (InvalidProtocolBufferException)
        {
            Assert.IsType<MalformedMessageException>(Record.Exception(() => ScrollResponseWire.Read(encoded)));
            return;
        }

        var read = ScrollResponseWire.Read(encoded);

        Assert.Equal(parsed.Result.Count, read.Points.Count);
        Assert.Equal(parsed.NextPageOffset is { } next ? PointIdJson.From(next) : null, read.NextOffsetJson);
        for (var i = 0; i < parsed.Result.Count; i++)
        {
            var expected = parsed.Result[i];
            var id = expected.Id ?? new PointId();
            Assert.Equal(PointIdJson.From(id), read.Points[i].IdJson);
            var oracle = PatternMapper.FromQdrantPoint(JsonDocument.Parse(PointIdJson.From(id)).RootElement, Json(expected.Payload));
            var mapped = read.Points[i].PatternId is { } patternId ? PatternMapper.FromPayload(patternId, read.Points[i].Payload) : MappingResult.Rejected(RejectionReasons.InvalidId);
            Assert.True(oracle.Pattern == mapped.Pattern, $"{answer}, point {i}: {oracle.Pattern} read as {mapped.Pattern}");
            Assert.Equal(oracle.RejectionReason, mapped.RejectionReason);
            Assert.Equal(oracle.DefaultedFields.Order(), mapped.DefaultedFields.Order());
        }
    }

    [Fact]
    public void Every_answer_cut_short_is_refused_as_malformed_or_read_as_the_parser_reads_it()
    {
        var encoded = Answer(Point(8, ("code", Text("x = 1")), ("metadata", Struct(("complexity", Text("low")))), ("node_types", List(Text("effect")))));
        for (var length = 1; length < encoded.Length; length++)
        {
            var cut = encoded[..length];
            var parserRefuses = Record.Exception(() => ScrollResponse.Parser.ParseFrom(cut)) is not null;
            var error = Record.Exception(() => ScrollResponseWire.Read(cut));
            // The parser reads an outer message whole before its fields; this reader reads the same bytes and refuses them as well.
            if (parserRefuses)
            {
                Assert.IsType<MalformedMessageException>(error);
            }
            else
            {
                Assert.Null(error);
            }
        }
    }

    private static JsonElement Json(Google.Protobuf.Collections.MapField<string, Value> payload)
    {
        var json = new JsonObject();
        foreach (var (key, value) in payload)
        {
            json[key] = Json(value);
        }

        return JsonSerializer.SerializeToElement(json);
    }

    private static JsonNode? Json(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => JsonValue.Create(value.StringValue),
        Value.KindOneofCase.IntegerValue => JsonValue.Create(value.IntegerValue),
        Value.KindOneofCase.DoubleValue => JsonValue.Create(value.DoubleValue),
        Value.KindOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        Value.KindOneofCase.StructValue => new JsonObject(value.StructValue.Fields.Select(f => KeyValuePair.Create(f.Key, Json(f.Value)))),
        Value.KindOneofCase.ListValue => new JsonArray(value.ListValue.Values.Select(Json).ToArray()),
        _ => null,
    };

    private static Value Text(string text) => new() { StringValue = text };

    private static Value Struct(params (string Key, Value Value)[] fields)
    {
        var value = new Struct();
        foreach (var (key, field) in fields)
        {
            value.Fields[key] = field;
        }

        return new Value { StructValue = value };
    }

    private static Value List(params Value[] values)
    {
        var list = new ListValue();
        list.Values.AddRange(values);
        return new Value { ListValue = list };
    }

    private static byte[] Point(object id, params (string Key, Value Value)[] payload)
    {
        var point = new RetrievedPoint { Id = id is ulong or int ? new PointId { Num = Convert.ToUInt64(id) } : new PointId { Uuid = (string)id } };
        foreach (var (key, value) in payload)
        {
            point.Payload[key] = value;
        }

        return point.ToByteArray();
    }

    private static byte[] PointBytes(ulong id, byte[] payloadEntries) =>
        Field(RetrievedPoint.IdFieldNumber, new PointId { Num = id }.ToByteArray()).Concat(payloadEntries).ToArray();

    private static byte[] Answer(byte[] point) => Field(ScrollResponse.ResultFieldNumber, point);

    /// <summary>A payload map entry: key 1, value 2, under the point's payload field.</summary>
    private static byte[] Entry(string key, Value value) => Entry(key, value.ToByteArray());

    private static byte[] Entry(string key, byte[] value) => Field(RetrievedPoint.PayloadFieldNumber, MapEntry(key, value));

    /// <summary>An entry of a struct value's map, its field 1.</summary>
    private static byte[] StructEntry(string key, Value value) => Field(global::Qdrant.Client.Grpc.Struct.FieldsFieldNumber, MapEntry(key, value.ToByteArray()));

    private static byte[] MapEntry(string key, byte[] value) => Field(1, System.Text.Encoding.UTF8.GetBytes(key)).Concat(Field(2, value)).ToArray();

    private static byte[] Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private static byte[] Field(int field, byte[] value) => Tag(field, 2).Concat(Varint((ulong)value.Length)).Concat(value).ToArray();

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var next = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? next : (byte)(next | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
