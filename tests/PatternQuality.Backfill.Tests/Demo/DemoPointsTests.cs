using System.Text.Json;
using PatternQuality.Backfill.Demo;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Tests.Demo;

public sealed class DemoPointsTests
{
    [Fact]
    public void Each_points_grpc_payload_is_its_json_payload_as_text_reads_it()
    {
        var points = DemoDataset.Generate(3000, 0, seed: 42).ToList();
        var wholeDoubles = 0;

        foreach (var (point, message) in points.Zip(DemoPoints.ToPointStructs(points)))
        {
            using var text = JsonDocument.Parse(point.Payload.ToJsonString());
            Assert.Equal(text.RootElement.EnumerateObject().Select(p => p.Name).Order(), message.Payload.Keys.Order());
            foreach (var property in text.RootElement.EnumerateObject())
            {
                AssertSame(property.Value, message.Payload[property.Name], $"point {point.Id}, field {property.Name}");
            }

            wholeDoubles += point.Payload.Any(p => p.Value?.GetValueKind() == JsonValueKind.Number && p.Value.GetValue<object>() is double d && double.IsInteger(d)) ? 1 : 0;
        }

        // The case the conversion must get right: a double such as a confidence of 1.0 is the integer 1 in JSON text.
        Assert.True(wholeDoubles > 0, "the sample holds no whole-number double, so it does not test that case");
    }

    [Fact]
    public void Points_are_split_between_the_collections_as_their_sizes_say()
    {
        var points = DemoDataset.Generate(1085, 0, seed: 42).ToList();

        Assert.Equal(DemoDataset.CollectionSizes(1085), points.GroupBy(p => p.Collection).Select(g => (g.Key, g.Count())).ToList());
        Assert.Equal([("code_patterns", 1065), ("execution_patterns", 20)], DemoDataset.CollectionSizes(1085));
    }

    private static void AssertSame(JsonElement expected, Value actual, string where)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.String:
                Assert.True(actual.StringValue == expected.GetString(), where);
                break;
            case JsonValueKind.Number when expected.TryGetInt64(out var integer):
                Assert.True(actual.KindCase == Value.KindOneofCase.IntegerValue && actual.IntegerValue == integer, $"{where}: {expected} became {actual}");
                break;
            case JsonValueKind.Number:
                Assert.True(actual.KindCase == Value.KindOneofCase.DoubleValue && actual.DoubleValue == expected.GetDouble(), $"{where}: {expected} became {actual}");
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.True(actual.KindCase == Value.KindOneofCase.BoolValue && actual.BoolValue == expected.GetBoolean(), where);
                break;
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), actual.StructValue.Fields.Keys.Order());
                foreach (var property in expected.EnumerateObject())
                {
                    AssertSame(property.Value, actual.StructValue.Fields[property.Name], $"{where}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.ListValue.Values.Count);
                foreach (var (item, value) in expected.EnumerateArray().Zip(actual.ListValue.Values))
                {
                    AssertSame(item, value, $"{where}[]");
                }

                break;
            default:
                Assert.Equal(Value.KindOneofCase.NullValue, actual.KindCase);
                break;
        }
    }
}
